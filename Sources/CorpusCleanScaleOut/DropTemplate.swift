import CorpusCleanCore
import CorpusCleanStages
/// The manifest and rejected lines of a document that dedup may drop, encoded by the map task
/// before the decision is known: the document's state with a dedup report whose reason,
/// detail, `duplicate_of` and similarity are placeholders, which the apply task replaces by
/// the cluster task's decision. The lines are otherwise those `RecordEncoder` gives the dropped
/// document in-process. A placeholder is found as its JSON token (a quoted string, or the
/// similarity with its key), whose first occurrence is the field's: the fields come before the
/// document's text and record, where a quote is escaped.
enum DropTemplate {
    static let reason = ReasonCode("\u{1}reason")
    static let detail = "\u{1}detail"
    static let duplicateOf = "\u{1}duplicate_of"
    static let similarity = 0.123456789

    /// The dedup report with the placeholders.
    static var report: StageReport {
        var report = StageReport(stage: .dedup)
        report.dropReason = reason
        report.dropDetail = detail
        report.duplicate = DuplicateMatch(duplicateOf: duplicateOf, similarity: similarity, exact: false)
        return report
    }

    private static func quoted(_ text: String) -> [UInt8] {
        var w = JSONWriter()
        w.string(text)
        return w.bytes
    }

    private static func similarityToken(_ value: Double) -> [UInt8] {
        Array("\"similarity\":".utf8) + Array(JSONWriter.format(value, decimals: 4).utf8)
    }

    /// `template` with the placeholders replaced by the decision.
    static func fill(_ template: [UInt8], duplicateOf id: String, similarity value: Double, exact: Bool) -> [UInt8] {
        var line = template
        replace(&line, quoted(reason.rawValue), quoted(ReasonCode.duplicate(exact: exact).rawValue))
        replace(&line, quoted(detail), quoted("duplicate of \(id)"))
        replace(&line, quoted(duplicateOf), quoted(id))
        replace(&line, similarityToken(similarity), similarityToken(value))
        return line
    }

    /// Replaces the first occurrence of `token`, if any.
    private static func replace(_ line: inout [UInt8], _ token: [UInt8], _ value: [UInt8]) {
        guard let first = token.first, token.count <= line.count else { return }
        var i = 0
        while i + token.count <= line.count {
            if line[i] == first && line[i..<(i + token.count)].elementsEqual(token) {
                line.replaceSubrange(i..<(i + token.count), with: value)
                return
            }
            i += 1
        }
    }
}
