import CTextKit

/// A strict RFC 8259 parser over UTF-8 bytes that keeps member order and number literals.
public struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Where escaped strings are unescaped when the caller lends one, else memory of their own.
    private let scratch: UnescapeScratch?
    private var position = 0
    private var depth = 0
    private static let maxDepth = 512

    private init(bytes: UnsafeBufferPointer<UInt8>, scratch: UnescapeScratch? = nil) {
        self.bytes = bytes
        self.scratch = scratch
    }

    /// Parses one complete JSON text; trailing non-space bytes are an error.
    public static func parse(_ text: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let array = Array(text)
        return try array.withUnsafeBufferPointer { buffer throws(JSONParseError) in try parse(buffer: buffer) }
    }

    /// Parses one complete JSON text in `buffer` (which must stay valid for the call),
    /// unescaping strings in `scratch` when given.
    static func parse(buffer: UnsafeBufferPointer<UInt8>, scratch: UnescapeScratch? = nil) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: buffer, scratch: scratch)
        parser.skipSpace()
        let value = try parser.parseValue()
        parser.skipSpace()
        if parser.position != buffer.count { throw parser.error("unexpected data after the JSON value") }
        return value
    }

    /// Parses a JSON text given as a String.
    public static func parse(string: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(string.utf8))
    }

    private func error(_ message: String) -> JSONParseError {
        JSONParseError(offset: position, message: message)
    }

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[position])))'")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("unexpected end of input") }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for i in 0..<count where bytes[position + i] != expected[i] {
            throw error("invalid literal")
        }
        position += count
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth)") }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        defer { depth -= 1 }
        var members: [(key: String, value: JSONValue)] = []
        if try opens(closedBy: UInt8(ascii: "}")) { return .object(members) }
        // A record's few members, without growing the array member by member.
        members.reserveCapacity(8)
        while true {
            let key = try memberKey()
            members.append((key, try parseValue()))
            if try objectEnds() { return .object(members) }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        defer { depth -= 1 }
        var elements: [JSONValue] = []
        if try opens(closedBy: UInt8(ascii: "]")) { return .array(elements) }
        while true {
            skipSpace()
            elements.append(try parseValue())
            if try arrayEnds() { return .array(elements) }
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        try skipNumber()
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
    }

    private mutating func skipNumber() throws(JSONParseError) {
        func digits(_ p: inout Int, _ b: UnsafeBufferPointer<UInt8>) -> Int {
            let s = p
            while p < b.count, b[p] >= 0x30, b[p] <= 0x39 { p += 1 }
            return p - s
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count else { throw error("invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else if digits(&position, bytes) == 0 {
            throw error("invalid number")
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            if digits(&position, bytes) == 0 { throw error("invalid number: digits expected after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            if digits(&position, bytes) == 0 { throw error("invalid number: digits expected in exponent") }
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// Reads a string: the bytes between the quotes as they are when they hold no escape, else
    /// what ctk_json_unescape writes for them; either way checked as UTF-8 once.
    private mutating func parseString() throws(JSONParseError) -> String {
        try withString { bytes, isASCII in UTF8Validation.string(checked: bytes, isASCII: isASCII) }
    }

    /// Reads a string and calls `body` with its bytes, unescaped (in `textScratch` when given,
    /// else in the scratch or memory of its own, freed after `body`) and checked to be
    /// well-formed UTF-8, and whether they are all ASCII. Bytes without an escape are the
    /// input's own.
    @inline(__always)
    private mutating func withString<R>(into textScratch: UnescapeScratch? = nil,
                                        _ body: (UnsafeBufferPointer<UInt8>, Bool) -> R) throws(JSONParseError) -> R {
        position += 1
        let start = position
        let base = bytes.baseAddress!
        position = JSONStringBytes.firstSpecial(base, from: position, end: bytes.count, del: false)
        if position < bytes.count {
            let c = bytes[position]
            if c == UInt8(ascii: "\"") {
                let end = position
                position += 1
                guard let isASCII = UTF8Validation.check(base, from: start, end: end) else {
                    throw JSONParseError(offset: start, message: "string is not valid UTF-8")
                }
                return body(UnsafeBufferPointer(rebasing: bytes[start..<end]), isASCII)
            }
            if c < 0x20 { throw error("control character in string") }
        }
        // An escape needs no more bytes than it stands for, so the rest of the input is room enough.
        let room = max(1, bytes.count - start)
        let lent = textScratch ?? self.scratch
        let owned: UnsafeMutablePointer<UInt8>? = lent == nil ? .allocate(capacity: room) : nil
        defer { owned?.deallocate() }
        let scratch = owned ?? lent!.reserve(room)
        var close = 0, length = 0, at = 0
        let status = Int(ctk_json_unescape(base, start, bytes.count, scratch, &close, &length, &at))
        guard status == CTK_JSON_OK else {
            position = at
            switch status {
            case CTK_JSON_UNTERMINATED: throw JSONParseError(offset: start, message: "unterminated string")
            case CTK_JSON_CONTROL: throw error("control character in string")
            case CTK_JSON_UNTERMINATED_ESCAPE: throw error("unterminated escape")
            case CTK_JSON_BAD_ESCAPE: throw error("invalid escape '\\\(Character(Unicode.Scalar(bytes[at - 1])))'")
            case CTK_JSON_TRUNCATED_U: throw error("truncated \\u escape")
            default: throw error("invalid hex digit in \\u escape")
            }
        }
        position = close + 1
        guard let isASCII = UTF8Validation.check(scratch, from: 0, end: length) else {
            throw JSONParseError(offset: start, message: "string is not valid UTF-8")
        }
        return body(UnsafeBufferPointer(start: scratch, count: length), isASCII)
    }
}

extension JSONParser {
    /// Reads `text` as `parse` does, with every rule, but builds only the top-level keys (in
    /// `textScratch`, to tell a repeated one) and the string of the member named `textField`,
    /// and notes whether the member named `annotationField` is an object: nil when `parse`
    /// would throw or give something other than an object. The corpus pre-pass needs no more of
    /// a record.
    /// The text's bytes are `buffer`'s own or in `textScratch`; with `keepingNewlineEscapes`, a
    /// text whose only escapes are `\n` keeps them (`textNewlinesEscaped`): it is not copied.
    static func scanRecord(_ buffer: UnsafeBufferPointer<UInt8>, textField: String, annotationField: String?,
                           textScratch: UnescapeScratch, keepingNewlineEscapes: Bool) -> JSONRecordScan? {
        var parser = JSONParser(bytes: buffer)
        parser.skipSpace()
        guard parser.position < buffer.count, buffer[parser.position] == UInt8(ascii: "{") else { return nil }
        do {
            let scan = try parser.scanObject(textField: textField, annotationField: annotationField, textScratch: textScratch,
                                             keepingNewlineEscapes: keepingNewlineEscapes)
            parser.skipSpace()
            return parser.position == buffer.count ? scan : nil
        } catch {
            return nil
        }
    }

    private mutating func scanObject(textField: String, annotationField: String?, textScratch: UnescapeScratch,
                                     keepingNewlineEscapes: Bool) throws(JSONParseError) -> JSONRecordScan {
        defer { depth -= 1 }
        var scan = JSONRecordScan()
        if try opens(closedBy: UInt8(ascii: "}")) { return scan }
        // The scratch's keys from an earlier record are overwritten (emptying it costs more).
        var keys = 0
        while true {
            let key = try memberKey()
            guard position < bytes.count else { throw error("unexpected end of input") }
            let first = bytes[position]
            if scan.annotationIsObject == nil, let annotationField, key == annotationField {
                scan.annotationIsObject = first == UInt8(ascii: "{")
            }
            if !scan.hasText, key == textField {
                scan.hasText = true
                if first == UInt8(ascii: "\""), keepingNewlineEscapes, let text = try newlineEscapedString() {
                    scan.text = text
                    scan.textNewlinesEscaped = true
                } else if first == UInt8(ascii: "\"") {
                    scan.text = try withString(into: textScratch) { bytes, _ in bytes }
                } else {
                    try skipValue()
                }
            } else {
                try skipValue()
            }
            if keys < textScratch.keys.count { textScratch.keys[keys] = key } else { textScratch.keys.append(key) }
            keys += 1
            if try objectEnds() {
                scan.repeatsKey = JSONRecordScan.duplicateKey(textScratch.keys[..<keys]) != nil
                return scan
            }
        }
    }

    /// The bytes of the string at `position` as they are, checked as UTF-8 (the same answer as
    /// for its unescaped bytes: an escape is ASCII, as is the newline it stands for), when every
    /// escape in it is `\n`; `position` after it. nil, with `position` left, for any other
    /// string (another escape, a control character, no closing quote): `withString` reads it.
    private mutating func newlineEscapedString() throws(JSONParseError) -> UnsafeBufferPointer<UInt8>? {
        let start = position + 1
        let base = bytes.baseAddress!
        // The close and the UTF-8 check in one pass over the bytes.
        var utf8: Int32 = 0
        let i = ctk_json_newline_escaped_close_checked(base, start, bytes.count, &utf8)
        guard i < bytes.count else { return nil }
        guard utf8 >= 0 else {
            throw JSONParseError(offset: start, message: "string is not valid UTF-8")
        }
        position = i + 1
        return UnsafeBufferPointer(rebasing: bytes[start..<i])
    }

    /// Reads a member's key and the `:` after it, and the space around them.
    private mutating func memberKey() throws(JSONParseError) -> String {
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw error("expected a string key")
        }
        let key = try parseString()
        try colon()
        return key
    }

    /// Reads the `:` after a key and the space around it.
    private mutating func colon() throws(JSONParseError) {
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':'") }
        position += 1
        skipSpace()
    }

    /// Enters the object or array whose first byte is at `position`: true when `close` follows
    /// at once (read too). The caller leaves it (`depth -= 1`).
    private mutating func opens(closedBy close: UInt8) throws(JSONParseError) -> Bool {
        try enter()
        position += 1
        skipSpace()
        guard position < bytes.count, bytes[position] == close else { return false }
        position += 1
        return true
    }

    /// Reads what follows a member: true after the object's `}`, false after a `,`.
    private mutating func objectEnds() throws(JSONParseError) -> Bool {
        try ends(closedBy: UInt8(ascii: "}"), in: "object")
    }

    /// Reads what follows an element: true after the array's `]`, false after a `,`.
    private mutating func arrayEnds() throws(JSONParseError) -> Bool {
        try ends(closedBy: UInt8(ascii: "]"), in: "array")
    }

    /// Reads what follows an item of an object or array: true after `close`, false after a `,`.
    private mutating func ends(closedBy close: UInt8, in container: String) throws(JSONParseError) -> Bool {
        skipSpace()
        guard position < bytes.count else { throw error("unexpected end of input in \(container)") }
        if bytes[position] == UInt8(ascii: ",") { position += 1; return false }
        if bytes[position] == close { position += 1; return true }
        throw error("expected ',' or '\(Character(Unicode.Scalar(close)))'")
    }

    /// Passes over a value as `parseValue` reads it, building nothing.
    private mutating func skipValue() throws(JSONParseError) {
        guard position < bytes.count else { throw error("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): try skipObject()
        case UInt8(ascii: "["): try skipArray()
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[position])))'")
        }
    }

    private mutating func skipObject() throws(JSONParseError) {
        defer { depth -= 1 }
        if try opens(closedBy: UInt8(ascii: "}")) { return }
        while true {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a string key")
            }
            try skipString()
            try colon()
            try skipValue()
            if try objectEnds() { return }
        }
    }

    private mutating func skipArray() throws(JSONParseError) {
        defer { depth -= 1 }
        if try opens(closedBy: UInt8(ascii: "]")) { return }
        while true {
            skipSpace()
            try skipValue()
            if try arrayEnds() { return }
        }
    }

    /// Passes over a string as `parseString` reads it. Its escapes are ASCII and each one
    /// stands for whole characters, so the string `parseString` builds is valid UTF-8 exactly
    /// when the bytes between the quotes are.
    private mutating func skipString() throws(JSONParseError) {
        position += 1
        let start = position
        let base = bytes.baseAddress!
        while true {
            position = JSONStringBytes.firstSpecial(base, from: position, end: bytes.count, del: false)
            guard position < bytes.count else { throw JSONParseError(offset: start, message: "unterminated string") }
            let c = bytes[position]
            if c == UInt8(ascii: "\"") {
                guard UTF8Validation.check(base, from: start, end: position) != nil else {
                    throw JSONParseError(offset: start, message: "string is not valid UTF-8")
                }
                position += 1
                return
            }
            if c < 0x20 { throw error("control character in string") }
            position += 1
            guard position < bytes.count else { throw error("unterminated escape") }
            let e = bytes[position]
            position += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                _ = try parseHex4()
            default:
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
    }
}
