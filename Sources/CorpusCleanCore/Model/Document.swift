/// One input document as the reader produced it.
public struct Document: Sendable {
    /// Position in the input (0-based); every ordering decision uses it.
    public let ordinal: Int
    /// Stable identifier: the path relative to the input directory, or the JSONL id field.
    public let id: String
    /// Where it came from: a relative path, or `file:line` for JSONL.
    public let source: String
    /// The decoded text (empty when `readError` is set).
    public let text: String
    /// Every field of a JSONL record in input order (the text field is replaced on output).
    public let fields: [(key: String, value: JSONValue)]
    /// Size of the raw input bytes.
    public let bytesIn: Int
    /// Why the document could not be read or decoded, if it could not.
    public let readError: ReadError?
    /// What decoding did (e.g. "windows-1252 converted, confidence 80"), if anything unusual.
    public let decodingNote: String?
    /// The raw bytes of a document that could not be decoded, so rejected.jsonl loses nothing.
    public let rawBytes: [UInt8]?
    /// The shard of a sharded input it came from (its index in input order), else 0.
    public let shard: Int
    /// How far the reader had read the input after this document (for `--resume`'s check).
    public var inputPosition: InputPosition?

    public init(ordinal: Int, id: String, source: String, text: String,
                fields: [(key: String, value: JSONValue)] = [], bytesIn: Int? = nil,
                readError: ReadError? = nil, decodingNote: String? = nil, rawBytes: [UInt8]? = nil, shard: Int = 0) {
        self.ordinal = ordinal
        self.id = id
        self.source = source
        self.text = text
        self.fields = fields
        self.bytesIn = bytesIn ?? text.utf8.count
        self.readError = readError
        self.decodingNote = decodingNote
        self.rawBytes = rawBytes
        self.shard = shard
    }

    /// The same document at position `ordinal` of the whole input, from shard `shard`.
    public func placed(ordinal: Int, shard: Int) -> Document {
        var placed = Document(ordinal: ordinal, id: id, source: source, text: text, fields: fields, bytesIn: bytesIn, readError: readError,
                              decodingNote: decodingNote, rawBytes: rawBytes, shard: shard)
        placed.inputPosition = inputPosition
        return placed
    }
}
