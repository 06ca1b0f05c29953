/// The output lines of one document, encoded ahead of the writer (on the worker that
/// processed it) into the `EncodedLines` of its chunk, with what they were encoded from so the
/// writer can tell they still hold.
package struct EncodedOutput: Sendable {
    /// Where the manifest line is in `EncodedLines.manifest`.
    package var manifest: Range<Int>
    /// Where the cleaned JSONL record of a kept document (layouts that write records) is in
    /// `EncodedLines.documents`.
    package var document: Range<Int>?
    /// Where the rejected.jsonl line of a document that is not kept is in `EncodedLines.rejected`.
    package var rejected: Range<Int>?
    /// The Dolma attribute line, when the run writes attributes.
    package var attribute: [UInt8]?
    /// The number of reports, the status, the decision and the text the lines were encoded from.
    private let reportCount: Int
    private let status: DocumentStatus
    private let decision: (stage: String?, reason: String?)
    private let text: String

    /// The lines encoded from `state` as it stands.
    package init(of state: DocumentState, manifest: Range<Int>, document: Range<Int>?, rejected: Range<Int>?, attribute: [UInt8]?) {
        self.manifest = manifest
        self.document = document
        self.rejected = rejected
        self.attribute = attribute
        reportCount = state.reports.count
        status = state.status
        decision = (state.decidingStage, state.reason)
        text = state.text
    }

    /// Whether the lines are still those of `state`: nothing since the encoding changed what
    /// the output shows (the reports recorded since show nothing, as a corpus stage's
    /// decision to keep a document without remark).
    package func holds(for state: DocumentState) -> Bool {
        guard state.reports.count >= reportCount, state.status == status, state.decidingStage == decision.stage,
              state.reason == decision.reason, Self.sameBytes(state.text, text) else { return false }
        // By index: a key path over the slice would copy every report it looks at.
        for i in reportCount..<state.reports.count where !state.reports[i].showsNothing { return false }
        return true
    }

    /// Whether two texts have the same UTF-8 bytes (`==` compares canonical equivalence).
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                x.count == y.count && (x.baseAddress == y.baseAddress || x.elementsEqual(y))
            }
        }
    }
}
