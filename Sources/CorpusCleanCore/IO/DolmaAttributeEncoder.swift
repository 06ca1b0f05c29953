/// Encodes one line of a Dolma attribute file per input document, so that Dolma's mixer (or a
/// datatrove filter) can apply corpusclean's decisions to the documents as they came in.
///
/// A line is `{"id": …, "source": …, "attributes": {…}}` (`source` only when the record has
/// one), and every attribute is a list of `[start, end, score]` spans over the *input* text,
/// counted in Unicode scalars (Python string indices, as Dolma's taggers count):
/// - `<name>__kept`: the whole text, score 1 when the document is kept, 0 when not;
/// - `<name>__<stage>__<reason>`: the whole text when a stage dropped the document
///   (`…__dedup__near_duplicate`, score the similarity; `…__error__<code>` for a document
///   that could not be read, with an empty span);
/// - `<name>__language__<code>`: the whole text, score the confidence;
/// - `<name>__boilerplate__<reason>`: each line the stage removed, its line break included,
///   score 1. Lines are mapped to the input by number and checked by content (white space
///   aside, which normalization folds); when normalization changed the lines otherwise (say
///   an entity that decoded to a line break, or repaired mojibake in a removed line), the
///   document gets no line spans rather than wrong ones.
///
/// Every input document gets a line, in input order, so an attribute file lines up with its
/// document file row for row, as the mixer requires.
public struct DolmaAttributeEncoder: Sendable {
    /// The attribute prefix, Dolma's tagger name: `corpusclean` by default.
    public let name: String

    /// An encoder whose attributes are named `<name>__…`.
    public init(name: String) {
        self.name = name
    }

    /// The attribute line of one document, with its newline.
    public func line(_ state: DocumentState) -> [UInt8] {
        let doc = state.document
        let length = doc.text.unicodeScalars.count
        var w = JSONWriter(capacity: 256)
        w.openObject()
        w.key("id"); w.string(doc.id)
        if case let .string(source)? = doc.fields.first(where: { $0.key == "source" })?.value {
            w.key("source"); w.string(source)
        }
        w.key("attributes")
        w.openObject()
        func whole(_ attribute: String, _ score: Double) {
            w.key(attribute)
            w.openArray(); span(&w, 0, length, score); w.closeArray()
        }
        whole("\(name)__kept", state.status == .kept ? 1 : 0)
        if let error = doc.readError {
            w.key("\(name)__error__\(error.code)")
            w.openArray(); span(&w, 0, 0, 1); w.closeArray()
        } else if let stage = state.decidingStage, let reason = state.reason {
            whole("\(name)__\(stage)__\(reason)", state.duplicate?.similarity ?? 1)
        }
        if let language = state.language, language.code != "und" {
            whole("\(name)__language__\(language.code)", language.confidence)
        }
        let removed = state.removedLines
        if !removed.isEmpty, let spans = Self.lineSpans(of: removed, in: doc.text) {
            for reason in Set(removed.map(\.reason)).sorted() {
                w.key("\(name)__boilerplate__\(reason)")
                w.openArray()
                for (line, range) in zip(removed, spans) where line.reason == reason {
                    span(&w, range.lowerBound, range.upperBound, 1)
                }
                w.closeArray()
            }
        }
        w.closeObject()
        w.closeObject()
        w.newline()
        return w.bytes
    }

    private func span(_ w: inout JSONWriter, _ start: Int, _ end: Int, _ score: Double) {
        w.openArray(); w.int(start); w.int(end); w.double(score, decimals: 4); w.closeArray()
    }

    /// The scalar ranges in `text` of the removed lines (numbered 1-based in the text the
    /// stage received), each with its line break; nil unless each numbered line of `text`
    /// (split at LF, CRLF or CR) holds the removed text, white space aside.
    static func lineSpans(of removed: [RemovedLine], in text: String) -> [Range<Int>]? {
        var lines: [(text: Substring.UnicodeScalarView, range: Range<Int>)] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex, startOffset = 0, offset = 0
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let v = scalars[i]
            let next = scalars.index(after: i)
            if v == "\n" || v == "\r" {
                var end = next, endOffset = offset + 1
                if v == "\r", end < scalars.endIndex, scalars[end] == "\n" {
                    end = scalars.index(after: end)
                    endOffset += 1
                }
                lines.append((Substring(text)[start..<i].unicodeScalars, startOffset..<endOffset))
                start = end; startOffset = endOffset; offset = endOffset; i = end
                continue
            }
            offset += 1
            i = next
        }
        if start < scalars.endIndex || lines.isEmpty {
            lines.append((Substring(text)[start..<scalars.endIndex].unicodeScalars, startOffset..<offset))
        }
        var spans: [Range<Int>] = []
        for line in removed {
            guard line.line >= 1, line.line <= lines.count else { return nil }
            let original = lines[line.line - 1]
            guard Self.visible(original.text).elementsEqual(Self.visible(Substring(line.text).unicodeScalars)) else { return nil }
            spans.append(original.range)
        }
        return spans
    }

    /// The scalars of a line but its white space: normalization folds no-break and other
    /// spaces and trims line ends, which leaves the line the same line.
    private static func visible(_ s: Substring.UnicodeScalarView) -> some Sequence<Unicode.Scalar> {
        s.lazy.filter { !$0.properties.isWhitespace }
    }
}
