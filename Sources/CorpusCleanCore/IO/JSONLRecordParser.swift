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
        if text.withUTF8Bytes({ JSONLRecordParser.isBlank($0) }) {
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
        withText(of: line, scratch: UnescapeScratch(capacity: line.count), keepingNewlineEscapes: false) { text, _ in
            UTF8Validation.string(checked: text)
        }
    }

    /// Calls `body` with the UTF-8 bytes of ``text(of:)``, without making its string: the
    /// line's own bytes, or unescaped in `scratch` (empty for an error document). With
    /// `keepingNewlineEscapes`, a text whose only escapes are `\n` is given as the line holds it
    /// (no copy is made): `body` is told whether its newlines are still escaped so.
    func withText<R>(of line: ArraySlice<UInt8>, scratch: UnescapeScratch, keepingNewlineEscapes: Bool,
                     _ body: (UnsafeBufferPointer<UInt8>, Bool) -> R) -> R {
        line.withUnsafeBufferPointer { withText(of: $0, scratch: scratch, keepingNewlineEscapes: keepingNewlineEscapes, body) }
    }

    /// ``withText(of:scratch:keepingNewlineEscapes:_:)`` of a line given as its bytes.
    func withText<R>(of line: UnsafeBufferPointer<UInt8>, scratch: UnescapeScratch, keepingNewlineEscapes: Bool,
                     _ body: (UnsafeBufferPointer<UInt8>, Bool) -> R) -> R {
        withExtendedLifetime(scratch) {
            if let scan = JSONParser.scanRecord(line, textField: textField, annotationField: annotationField, textScratch: scratch,
                                                keepingNewlineEscapes: keepingNewlineEscapes),
               !scan.repeatsKey, let text = scan.text, scan.annotationIsObject != false,
               !(scan.textNewlinesEscaped ? JSONLRecordParser.isBlank(newlinesEscaped: text) : JSONLRecordParser.isBlank(text)) {
                return body(text, scan.textNewlinesEscaped)
            }
            return body(UnsafeBufferPointer(start: nil, count: 0), false)
        }
    }

    /// Whether a JSON Lines line (without its line feed) holds only spaces, tabs and carriage
    /// returns: no record, skipped without a trace.
    static func isBlankLine<Line: Collection<UInt8>>(_ line: Line) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// ``isBlank(_:)`` of a text whose newlines are escaped as `\n` (its only escapes).
    private static func isBlank(newlinesEscaped text: UnsafeBufferPointer<UInt8>) -> Bool {
        // (Rarely) only the characters tell: those of the unescaped text.
        blankness(text, newlinesEscaped: true) ?? JSONStringBytes.unescapingNewlines(text).withUnsafeBufferPointer {
            UTF8Validation.string(checked: $0).allSatisfy(\.isWhitespace)
        }
    }

    /// Whether every character of the well-formed UTF-8 `text` is white space (true for ""). A
    /// Character is white space when its first scalar is (a space and the marks that extend it
    /// are one character).
    private static func isBlank(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        blankness(text) ?? UTF8Validation.string(checked: text).allSatisfy(\.isWhitespace)
    }

    /// Whether the well-formed UTF-8 `text` is blank, as far as its bytes tell: from those up to
    /// the first scalar that is not white space, when that one starts a character; nil (rarely)
    /// when only its characters can tell.
    /// With `newlinesEscaped`, each `\n` of `text` reads as the newline it stands for.
    private static func blankness(_ text: UnsafeBufferPointer<UInt8>, newlinesEscaped: Bool = false) -> Bool? {
        var i = 0
        // Whether the scalar before `text[i]` is white space that a mark may extend (a space, or
        // white space beyond ASCII); not at the start or after a control (tab, line feed...).
        var extendable = false
        while i < text.count {
            if newlinesEscaped && text[i] == UInt8(ascii: "\\") {
                extendable = false
                i += 2
                continue
            }
            if text[i] < 0x80 {
                // ASCII starts a character (it extends none).
                guard isASCIISpace(text[i]) else { return false }
                extendable = text[i] == 0x20
                i += 1
                continue
            }
            let value = scalar(text, at: i)
            if isWhiteSpace(value) {
                extendable = true
                i += text[i] < 0xE0 ? 2 : 3
                continue
            }
            // The first scalar that is no white space: a character that is none starts with it,
            // unless it may extend the white space before it (a mark).
            if !extendable || startsCharacter(value) { return false }
            return nil
        }
        return true
    }

    /// Whether a scalar beyond ASCII starts a character whatever comes before it but a Prepend
    /// (Grapheme_Cluster_Break Other, or a Hangul syllable after no jamo): letters of the
    /// scripts that documents most often open with after white space (Latin, Greek, Cyrillic,
    /// kana, ideographs, Hangul, CJK punctuation and full-width forms). No such list need be
    /// whole: for another scalar, the characters tell.
    private static func startsCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0xC0...0x24F, 0x391...0x3C9, 0x410...0x44F, 0x3001...0x3002, 0x300C...0x300F, 0x3041...0x3096, 0x30A1...0x30FA,
             0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF5E: true
        default: false
        }
    }

    /// The ASCII white space: tab, line feed, vertical tab, form feed, carriage return, space.
    @inline(__always)
    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// The value of the scalar whose lead byte (not ASCII) is `text[i]`, in well-formed UTF-8.
    private static func scalar(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
        let lead = UInt32(text[i])
        let second = UInt32(text[i + 1]) & 0x3F
        if lead < 0xE0 { return (lead & 0x1F) << 6 | second }
        let third = UInt32(text[i + 2]) & 0x3F
        if lead < 0xF0 { return (lead & 0x0F) << 12 | second << 6 | third }
        return (lead & 0x07) << 18 | second << 12 | third << 6 | UInt32(text[i + 3]) & 0x3F
    }

    /// Whether a scalar beyond ASCII has Unicode's White_Space property (`Character.isWhitespace`
    /// of its character): PropList.txt's list, unchanged since Unicode 6.3.
    private static func isWhiteSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    private static func isObject(_ value: JSONValue) -> Bool {
        if case .object = value { return true }
        return false
    }

    /// The first top-level key that a record gives a second time, if any: a reader keeps
    /// one of the values and a writer may keep either, so such a record is not a document.
    static func duplicateKey(_ members: [(key: String, value: JSONValue)]) -> String? {
        JSONRecordScan.duplicateKey(members.lazy.map(\.key))
    }
}
