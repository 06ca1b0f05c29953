/// A single-byte code page that UTF-8 text gets mistaken for: the characters it reads bytes
/// 0x80...0xFF as, and the way back from a character to its byte.
struct Charmap: Sendable {
    let name: String
    /// The characters of bytes 0x80...0xFF.
    let high: [UInt32]
    private let bytes: [UInt32: UInt8]

    init(name: String, high: [UInt32]) {
        self.name = name
        self.high = high
        var bytes: [UInt32: UInt8] = [:]
        for (offset, v) in high.enumerated() { bytes[v] = UInt8(0x80 + offset) }
        self.bytes = bytes
    }

    /// The byte this code page writes `v` as (ASCII as itself), or nil.
    @inline(__always)
    func byte(_ v: UInt32) -> UInt8? {
        v < 0x80 ? UInt8(v) : bytes[v]
    }

    /// The code pages in the order they are tried: Latin-1 and Windows-1252 first, as the most
    /// common, then by how often each is seen in the wild.
    static let all: [Charmap] = [latin1, windows1252, windows1251, windows1250, windows1253, windows1254, windows1257, iso8859_2, macRoman, cp437]

    /// Whether some code page of `all` writes `v` as one byte of 0x80 or more.
    @inline(__always)
    static func isCharmapCharacter(_ v: UInt32) -> Bool {
        v >= 0x80 && roles(v) != 0
    }

    /// What the byte of `v` can be in a UTF-8 sequence, one bit per code page of `all`
    /// (bit k for `all[k]`), in four 16-bit fields: bits 0...15 a lead of two bytes
    /// (C2...DF, and C0 of Java's C0 80), 16...31 of three (E0...EF), 32...47 of four (F0...F4), 48...63 a
    /// continuation (80...BF). 0 for characters no code page has.
    @inline(__always)
    static func roles(_ v: UInt32) -> UInt64 {
        let index: Int
        switch v {
        case 0..<0x2600: index = Int(v)
        case 0xFB01: index = 0x2600
        case 0xFB02: index = 0x2601
        case 0xF8FF: index = 0x2602
        default: return 0
        }
        return roleTable[index]
    }

    static let twoByteLeads: UInt64 = 0xFFFF
    static let continuations: UInt64 = 0xFFFF << 48

    private static let roleTable: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 0x2603)
        for (k, map) in all.enumerated() {
            for (offset, v) in map.high.enumerated() {
                let index = v < 0x2600 ? Int(v) : v == 0xFB01 ? 0x2600 : v == 0xFB02 ? 0x2601 : v == 0xF8FF ? 0x2602 : -1
                guard index >= 0 else { continue }
                let b = 0x80 + offset
                let field = b <= 0xBF ? 48 : (b >= 0xC2 && b <= 0xDF) || b == 0xC0 ? 0 : b >= 0xE0 && b <= 0xEF ? 16 : b >= 0xF0 && b <= 0xF4 ? 32 : -1
                if field >= 0 { table[index] |= 1 << UInt64(field + k) }
            }
        }
        return table
    }()
}
