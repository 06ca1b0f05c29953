/// Turns one line of JSON Lines into a `Document`: the record's id and text fields, its other
/// fields in order, or an error document (malformed JSON or record, a key given twice, no
/// string text, an annotation field that is not an object, empty text). Holds no state, so
/// any thread can parse any line (the streaming runner's workers do).
struct JSONLRecordParser: Sendable {
    let idField: String
    let textField: String
    /// See ``JSONLReader/init(path:idField:textField:annotationField:label:maxDocumentBytes:)``.
    let annotationField: String?

    init(idField: String, textField: String, annotationField: String?) {
        self.idField = idField
        self.textField = textField
        self.annotationField = annotationField
    }

    /// The document of `line`, at position `ordinal` of the input (of shard `shard`), whose
    /// source is `source` (`file:line`).
    func parse(_ line: [UInt8], ordinal: Int, source: String, shard: Int = 0) -> Document {
        parse(line[...], ordinal: ordinal, source: source, shard: shard)
    }

    /// ``parse(_:ordinal:source:shard:)`` of a line that is a slice of the reader's storage.
    func parse(_ line: ArraySlice<UInt8>, ordinal: Int, source: String, shard: Int = 0, scratch: UnescapeScratch? = nil) -> Document {
        func failure(_ id: String, _ code: String, _ reason: String) -> Document {
            Document(ordinal: ordinal, id: id, source: source, text: "", bytesIn: line.count,
                     readError: ReadError(code: code, message: reason), rawBytes: Array(line), shard: shard)
        }
        let value: JSONValue
        do {
            value = try line.withUnsafeBufferPointer { bytes throws(JSONParseError) in try JSONParser.parse(buffer: bytes, scratch: scratch) }
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
        if let key = JSONLRecordParser.duplicateKey(members) {
            // Which of two ids is the record's cannot be told: name it by its line then.
            return failure(key == idField ? source : id ?? source, "duplicate_key", "duplicate key \"\(key)\" in the record")
        }
        guard let textValue = value[textField] else {
            return failure(id ?? source, "missing_text", "missing text field \"\(textField)\"")
        }
        guard case let .string(text) = textValue else {
            return failure(id ?? source, "text_not_string", "text field \"\(textField)\" is \(textValue.typeName), not string")
        }
        if let annotationField, let annotation = value[annotationField], !JSONLRecordParser.isObject(annotation) {
            return failure(id ?? source, "annotation_not_object",
                           "annotation field \"\(annotationField)\" is \(annotation.typeName), not object: corpusclean's annotations (output.annotation_key) would replace it")
        }
        if JSONLRecordParser.isBlank(text) {
            return failure(id ?? source, "empty", "empty: the text is empty or only white space")
        }
        var fields = members
        let resolvedID = id ?? "xxh64:" + Hash64.hex(Hash64.hash(text))
        if id == nil { fields.insert((idField, .string(resolvedID)), at: 0) }
        return Document(ordinal: ordinal, id: resolvedID, source: source, text: text, fields: fields, bytesIn: line.count, shard: shard)
    }

    /// The text `parse` gives `line`'s document, or "" when it gives an error document: the
    /// same answer, for the corpus pre-pass, without building the record's other fields.
    func text(of line: [UInt8]) -> String {
        text(of: line[...])
    }

    /// ``text(of:)`` of a line that is a slice of the reader's storage.
    func text(of line: ArraySlice<UInt8>) -> String {
        withText(of: line, scratch: UnescapeScratch(capacity: line.count)) { UTF8Validation.string(checked: $0) }
    }

    /// Calls `body` with the UTF-8 bytes of ``text(of:)``, without making its string: the
    /// line's own bytes, or unescaped in `scratch` (empty for an error document).
    func withText<R>(of line: ArraySlice<UInt8>, scratch: UnescapeScratch, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withExtendedLifetime(scratch) {
            line.withUnsafeBufferPointer { buffer in
                if let scan = JSONParser.scanRecord(buffer, textField: textField, annotationField: annotationField, textScratch: scratch),
                   JSONLRecordParser.duplicateKey(scan.keys) == nil, let text = scan.text, scan.annotationIsObject != false,
                   !JSONLRecordParser.isBlank(text) {
                    return body(text)
                }
                return body(UnsafeBufferPointer(start: nil, count: 0))
            }
        }
    }

    /// Whether every character of `text` is white space (true for ""). A Character is white
    /// space when its first scalar is, so a text that starts with a visible ASCII character is
    /// not blank, which is told from its first byte.
    private static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return false }
        return text.allSatisfy(\.isWhitespace)
    }

    /// ``isBlank(_:)-(String)`` of well-formed UTF-8 bytes (their string made only when the first
    /// byte does not tell).
    private static func isBlank(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if let first = text.first, first > 0x20, first < 0x7F { return false }
        return isBlank(UTF8Validation.string(checked: text))
    }

    private static func isObject(_ value: JSONValue) -> Bool {
        if case .object = value { return true }
        return false
    }

    /// The first top-level key that a record gives a second time, if any: a reader keeps
    /// one of the values and a writer may keep either, so such a record is not a document.
    static func duplicateKey(_ members: [(key: String, value: JSONValue)]) -> String? {
        duplicateKey(members.lazy.map(\.key))
    }

    /// The first of `keys` that is given a second time, if any.
    static func duplicateKey(_ keys: some Collection<String>) -> String? {
        // A record's few keys are compared pair by pair, without hashing or a set to allocate.
        if keys.count <= 16 {
            var i = keys.startIndex
            while i != keys.endIndex {
                if keys[keys.startIndex..<i].contains(keys[i]) { return keys[i] }
                keys.formIndex(after: &i)
            }
            return nil
        }
        var seen = Set<String>(minimumCapacity: keys.count)
        return keys.first { !seen.insert($0).inserted }
    }
}
