/// Reads JSON Lines (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`, or stdin): one object per line with
/// an id and a text field; other fields are kept in order and passed through. Blank lines are
/// not documents. A line that is not a JSON object with a string text, an object that gives a
/// key twice, or one whose annotation field holds something other than an object, is an error
/// document. So is a line longer than `maxDocumentBytes`: its first 64 KiB are kept for
/// rejected.jsonl and the rest is passed over without being held in memory.
public struct JSONLReader: DocumentReader {
    private let source: LineSource
    private let idField: String
    private let textField: String
    private let annotationField: String?
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
        self.idField = idField
        self.textField = textField
        self.annotationField = annotationField
        self.label = label
        self.maxDocumentBytes = maxDocumentBytes
    }

    public var position: InputPosition? { source.position }

    public mutating func next() -> Document? {
        while true {
            let line: (bytes: [UInt8], length: Int)
            do {
                guard let next = try source.nextLine(limit: maxDocumentBytes, kept: ReadError.keptBytes) else { return nil }
                line = next
            } catch {
                streamError = error
                return nil
            }
            lineNumber += 1
            if line.length == line.bytes.count, line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            defer { ordinal += 1 }
            var document = line.length > maxDocumentBytes ? tooLarge(line.bytes, length: line.length) : parse(line.bytes)
            document.inputPosition = source.position
            return document
        }
    }

    /// The error document of a line longer than `maxDocumentBytes`, of which `head` was kept.
    private func tooLarge(_ head: [UInt8], length: Int) -> Document {
        let source = "\(label):\(lineNumber)"
        return Document(ordinal: ordinal, id: source, source: source, text: "", bytesIn: head.count,
                        readError: .tooLarge(size: length, limit: maxDocumentBytes, kept: head.count),
                        rawBytes: head)
    }

    private func parse(_ line: [UInt8]) -> Document {
        let source = "\(label):\(lineNumber)"
        func failure(_ id: String, _ code: String, _ reason: String) -> Document {
            Document(ordinal: ordinal, id: id, source: source, text: "", bytesIn: line.count,
                     readError: ReadError(code: code, message: reason), rawBytes: line)
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            return failure(source, "malformed_json", "malformed JSON: \(error)")
        }
        guard case let .object(members) = value else {
            return failure(source, "malformed_record", "malformed record: expected a JSON object, found \(value.typeName)")
        }
        var id: String?
        switch value[idField] {
        case let .string(s)?: id = s
        case let .number(n)?: id = n
        default: id = nil
        }
        if let key = JSONLReader.duplicateKey(members) {
            // Which of two ids is the record's cannot be told: name it by its line then.
            return failure(key == idField ? source : id ?? source, "duplicate_key", "duplicate key \"\(key)\" in the record")
        }
        guard let textValue = value[textField] else {
            return failure(id ?? source, "missing_text", "missing text field \"\(textField)\"")
        }
        guard case let .string(text) = textValue else {
            return failure(id ?? source, "text_not_string", "text field \"\(textField)\" is \(textValue.typeName), not string")
        }
        if let annotationField, let annotation = value[annotationField], !JSONLReader.isObject(annotation) {
            return failure(id ?? source, "annotation_not_object",
                           "annotation field \"\(annotationField)\" is \(annotation.typeName), not object: corpusclean's annotations (output.annotation_key) would replace it")
        }
        if text.allSatisfy(\.isWhitespace) {
            return failure(id ?? source, "empty", "empty: the text is empty or only white space")
        }
        var fields = members
        let resolvedID = id ?? "xxh64:" + Hash64.hex(Hash64.hash(text))
        if id == nil { fields.insert((idField, .string(resolvedID)), at: 0) }
        return Document(ordinal: ordinal, id: resolvedID, source: source, text: text, fields: fields, bytesIn: line.count)
    }

    private static func isObject(_ value: JSONValue) -> Bool {
        if case .object = value { return true }
        return false
    }

    /// The first top-level key that a record gives a second time, if any: a reader keeps
    /// one of the values and a writer may keep either, so such a record is not a document.
    static func duplicateKey(_ members: [(key: String, value: JSONValue)]) -> String? {
        var seen = Set<String>(minimumCapacity: members.count)
        return members.first { !seen.insert($0.key).inserted }?.key
    }
}
