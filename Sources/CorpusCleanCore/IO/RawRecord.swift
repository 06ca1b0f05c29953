/// One record of the input as the reader cut it, in input order: a JSON Lines line not parsed
/// yet, a record whose bytes are read but not decoded yet (a WET record, a text file), or a
/// document the reader made whole (a file it could not read, a line over
/// `max_document_bytes`). What needs the input's order (ordinal, line number, shard, how far
/// the input was read) is fixed when it is cut; `document()` does the rest on any thread, so
/// that the streaming runner's workers parse and its reading thread only reads.
public struct RawRecord: Sendable {
    private enum Content: Sendable {
        case document(Document)
        case line(Line)
        case deferred(Deferred)
    }

    /// A document that a closure makes from bytes already read, and where it goes.
    private struct Deferred: Sendable {
        let make: @Sendable () -> Document
        var placement: (ordinal: Int, shard: Int)?
    }

    /// A line and what its document needs of the reader.
    private struct Line: Sendable {
        let bytes: ArraySlice<UInt8>
        let parser: JSONLRecordParser
        /// The input's label and the line's number in it, for the source `label:number`.
        let label: String
        let number: Int
        var ordinal: Int
        var shard: Int
        let position: InputPosition?
    }

    private var content: Content

    /// A record that is already a document.
    public init(document: Document) {
        content = .document(document)
    }

    /// A record whose document `make` builds from what the reader read (decoding its bytes),
    /// on whichever thread asks for it.
    public init(deferred make: @escaping @Sendable () -> Document) {
        content = .deferred(Deferred(make: make, placement: nil))
    }

    /// Line `number` of the input `label` (1-based), document `ordinal`, to be parsed by
    /// `parser`; `position` is how far the input was read after it.
    init(line: ArraySlice<UInt8>, parser: JSONLRecordParser, label: String, number: Int, ordinal: Int, position: InputPosition?) {
        content = .line(Line(bytes: line, parser: parser, label: label, number: number, ordinal: ordinal, shard: 0, position: position))
    }

    /// The record's document (parsing a line here).
    public func document() -> Document {
        document(scratch: nil)
    }

    /// ``document()``, a line's strings unescaped in `scratch` (the calling thread's).
    package func document(scratch: UnescapeScratch?) -> Document {
        switch content {
        case let .document(document):
            return document
        case let .line(line):
            var document = line.parser.parse(line.bytes, ordinal: line.ordinal, source: RawRecord.source(line.label, line.number), shard: line.shard,
                                             scratch: scratch)
            document.inputPosition = line.position
            return document
        case let .deferred(deferred):
            let document = deferred.make()
            return deferred.placement.map { document.placed(ordinal: $0.ordinal, shard: $0.shard) } ?? document
        }
    }

    /// `label:number`, made in one allocation.
    private static func source(_ label: String, _ number: Int) -> String {
        label.withUTF8Bytes { utf8 in
            String(unsafeUninitializedCapacity: utf8.count + 22) { buffer in
                let start = buffer.baseAddress!
                if let from = utf8.baseAddress { start.update(from: from, count: utf8.count) }
                start[utf8.count] = UInt8(ascii: ":")
                return utf8.count + 1 + JSONNumberText.write(number, to: start + utf8.count + 1)
            }
        }
    }

    /// The text of the record's document, "" when that is an error document: what the corpus
    /// pre-pass reads, without building a line's other fields.
    public func text() -> String {
        switch content {
        case let .document(document):
            return document.readError == nil ? document.text : ""
        case let .line(line):
            return line.parser.text(of: line.bytes)
        case let .deferred(deferred):
            let document = deferred.make()
            return document.readError == nil ? document.text : ""
        }
    }

    /// Calls `body` with the UTF-8 bytes of ``text()`` and whether they are a line's own with
    /// each newline still escaped as `\n` (the text's only escapes): for a line, without making
    /// its string or, then, a copy (else the line's own bytes, or unescaped in `scratch`).
    package func withText<R>(scratch: UnescapeScratch, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> R) -> R {
        if case let .line(line) = content {
            return line.parser.withText(of: line.bytes, scratch: scratch, keepingNewlineEscapes: true, body)
        }
        return text().withUTF8Bytes { body($0, false) }
    }

    /// The same record at position `ordinal` of the whole input, from shard `shard`
    /// (see ``Document/placed(ordinal:shard:)``).
    public func placed(ordinal: Int, shard: Int) -> RawRecord {
        var placed = self
        switch content {
        case let .document(document):
            placed.content = .document(document.placed(ordinal: ordinal, shard: shard))
        case var .line(line):
            line.ordinal = ordinal
            line.shard = shard
            placed.content = .line(line)
        case var .deferred(deferred):
            deferred.placement = (ordinal, shard)
            placed.content = .deferred(deferred)
        }
        return placed
    }
}
