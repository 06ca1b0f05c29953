import CorpusCleanCore
/// HTML character references left in text: named (the WHATWG list, `HTMLNamedReferences`),
/// decimal and hexadecimal. Numeric references in 128...159 follow HTML5 and mean
/// Windows-1252.
enum HTMLEntities {
    /// HTML5's reading of numeric references 0x80...0x9F as Windows-1252.
    static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// Decodes the reference starting at `bytes[i]` (an '&'). Returns the decoded text (one
    /// scalar, or two for a few named references such as `&NotEqualTilde;`) and how many bytes
    /// the reference spans, or nil when it is not a reference. Only references closed by ';'
    /// are decoded (`a=1&copy=2` in a URL stays as it is).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (String, Int)? {
        var j = i + 1
        let limit = min(bytes.count, i + 34)
        guard j < limit else { return nil }
        if bytes[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < limit, bytes[j] | 0x20 == UInt8(ascii: "x") {
                hex = true
                j += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while j < limit, let d = digit(bytes[j], hex: hex) {
                value = value &* (hex ? 16 : 10) &+ d
                digits += 1
                j += 1
                if digits > 8 { return nil }
            }
            guard digits > 0, j < bytes.count, bytes[j] == UInt8(ascii: ";") else { return nil }
            let mapped = windows1252[value] ?? value
            guard mapped != 0, let scalar = Unicode.Scalar(mapped) else { return ("\u{FFFD}", j + 1 - i) }
            return (String(scalar), j + 1 - i)
        }
        let start = j
        while j < limit, isNameByte(bytes[j]) { j += 1 }
        guard j > start, j < bytes.count, bytes[j] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self)
        guard let text = HTMLNamedReferences.all[name] else { return nil }
        return (text, j + 1 - i)
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }

    private static func digit(_ b: UInt8, hex: Bool) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b) - 0x30
        case 0x41...0x46 where hex: return UInt32(b) - 0x41 + 10
        case 0x61...0x66 where hex: return UInt32(b) - 0x61 + 10
        default: return nil
        }
    }
}
