/// Reads JSON Lines (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`, or stdin): one object per line with
/// an id and a text field; other fields are kept in order and passed through. Blank lines are
/// not documents. A line that is not a JSON object with a string text, an object that gives a
/// key twice, or one whose annotation field holds something other than an object, is an error
/// document. So is a line longer than `maxDocumentBytes`: its first 64 KiB are kept for
/// rejected.jsonl and the rest is passed over without being held in memory.
public struct JSONLReader: DocumentReader {
    private let source: LineSource
    private let parser: JSONLRecordParser
    private let label: String
    private let maxDocumentBytes: Int
    private var lineNumber = 0
    private var ordinal = 0
    /// Set when the stream itself broke (corrupt gzip or zstd); reading stops there.
    public private(set) var streamError: InputError?

    public var producesFiles: Bool { false }
    public var bytesRead: Int? { source.bytesRead }
    public var bytesTotal: Int? { source.bytesTotal }

    /// Opens `path` (`-` for stdin). `annotationField` is a field the output adds annotations
    /// to without replacing it (`output.annotation_key` when it is not `corpusclean`): a record
    /// whose value there is present and not an object is an error document
    /// (`annotation_not_object`), since the annotations could only be added by losing that
    /// value. `label` names the input in the documents' sources (default: the path, `stdin` for
    /// `-`). A line longer than `maxDocumentBytes` (`input.max_document_bytes`) is an error
    /// document (`too_large`).
    public init(path: String, idField: String, textField: String, annotationField: String? = nil,
                label: String? = nil, maxDocumentBytes: Int = 64 << 20) throws(InputError) {
        self.init(source: try LineSource(path: path), idField: idField, textField: textField, annotationField: annotationField,
                  label: label ?? (path == "-" ? "stdin" : path), maxDocumentBytes: maxDocumentBytes)
    }

    /// Reads the lines of `source` (a shard's, which hashes into the input's hash).
    init(source: LineSource, idField: String, textField: String, annotationField: String?, label: String,
         maxDocumentBytes: Int) {
        self.source = source
        parser = JSONLRecordParser(idField: idField, textField: textField, annotationField: annotationField)
        self.label = label
        self.maxDocumentBytes = maxDocumentBytes
    }

    public var position: InputPosition? { source.position }

    public mutating func next() -> Document? {
        nextRecord()?.document()
    }

    /// The next non-blank line, cut but not parsed (a line over `maxDocumentBytes` is its
    /// error document already).
    public mutating func nextRecord() -> RawRecord? {
        while true {
            let line: (bytes: ArraySlice<UInt8>, length: Int)
            do {
                // A slice of the source's storage: the line is not copied on its way to a worker.
                guard let next = try source.nextLineSlice(limit: maxDocumentBytes, kept: ReadError.keptBytes) else { return nil }
                line = next
            } catch {
                streamError = error
                return nil
            }
            lineNumber += 1
            if line.length == line.bytes.count, JSONLRecordParser.isBlankLine(line.bytes) { continue }
            defer { ordinal += 1 }
            guard line.length <= maxDocumentBytes else {
                var document = tooLarge(Array(line.bytes), length: line.length)
                document.inputPosition = source.position
                return RawRecord(document: document)
            }
            return RawRecord(line: line.bytes, parser: parser, label: label, number: lineNumber, ordinal: ordinal, position: source.position)
        }
    }

    public func fileBlocks(blockBytes: Int) -> JSONLFileBlocks? {
        source.plainFile.map { plain in
            JSONLFileBlocks(file: plain.file, start: plain.start, size: plain.size, parser: parser, maxDocumentBytes: maxDocumentBytes,
                            blockBytes: max(1, blockBytes))
        }
    }

    /// The error document of a line longer than `maxDocumentBytes`, of which `head` was kept.
    private func tooLarge(_ head: [UInt8], length: Int) -> Document {
        let source = "\(label):\(lineNumber)"
        return Document(ordinal: ordinal, id: source, source: source, text: "", bytesIn: head.count,
                        readError: .tooLarge(size: length, limit: maxDocumentBytes, kept: head.count),
                        rawBytes: head)
    }
}
