/// A single-byte code page that UTF-8 text gets mistaken for: the characters it reads bytes
/// 0x80...0xFF as, and the way back from a character to its byte.
package struct Charmap: @unchecked Sendable {
    let name: String
    /// The characters of bytes 0x80...0xFF.
    package let high: [UInt32]
    /// The byte of each character by `tableIndex` (0: none), for hot loops. Never freed: the
    /// code pages are the few static ones of `all`; read-only once made.
    package let byteTable: UnsafeBufferPointer<UInt8>

    init(name: String, high: [UInt32]) {
        self.name = name
        self.high = high
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Charmap.tableSize)
        bytes.initialize(repeating: 0)
        for (offset, v) in high.enumerated() {
            if let index = Charmap.tableIndex(v), bytes[index] == 0 { bytes[index] = UInt8(0x80 + offset) }
        }
        byteTable = UnsafeBufferPointer(bytes)
    }

    /// The byte this code page writes `v` as (ASCII as itself), or nil.
    @inline(__always)
    @inlinable package func byte(_ v: UInt32) -> UInt8? {
        if v < 0x80 { return UInt8(v) }
        guard let index = Charmap.tableIndex(v) else { return nil }
        let b = byteTable[index]
        return b == 0 ? nil : b
    }

    /// Where the tables keep `v`: U+0000...U+25FF, then ﬁ, ﬂ and Apple's logo (MacRoman's
    /// only characters above); nil for all others, which no code page here has.
    @inline(__always)
    @inlinable package static func tableIndex(_ v: UInt32) -> Int? {
        switch v {
        case 0..<0x2600: return Int(v)
        case 0xFB01: return 0x2600
        case 0xFB02: return 0x2601
        case 0xF8FF: return 0x2602
        default: return nil
        }
    }

    private static let tableSize = 0x2603

    /// The code pages in the order they are tried: Latin-1 and Windows-1252 first, as the most
    /// common, then by how often each is seen in the wild.
    package static let all: [Charmap] = [latin1, windows1252, windows1251, windows1250, windows1253, windows1254, windows1257, iso8859_2, macRoman, cp437]

    /// What the byte of `v` can be in a UTF-8 sequence, one bit per code page of `all`
    /// (bit k for `all[k]`), in four 16-bit fields: bits 0...15 a lead of two bytes
    /// (C2...DF, and C0 of Java's C0 80), 16...31 of three (E0...EF), 32...47 of four (F0...F4), 48...63 a
    /// continuation (80...BF). 0 for characters no code page has.
    @inline(__always)
    static func roles(_ v: UInt32) -> UInt64 {
        guard let index = tableIndex(v) else { return 0 }
        return roleTable[index]
    }

    /// `roles` for hot loops: the table indexed by `tableIndex`, without a look-up per call.
    package static func withRoleTable<R>(_ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
        roleTable.withUnsafeBufferPointer(body)
    }

    private static let roleTable: [UInt64] = {
        var table = [UInt64](repeating: 0, count: tableSize)
        for (k, map) in all.enumerated() {
            for (offset, v) in map.high.enumerated() {
                guard let index = tableIndex(v) else { continue }
                let b = 0x80 + offset
                let field = b <= 0xBF ? 48 : (b >= 0xC2 && b <= 0xDF) || b == 0xC0 ? 0 : b >= 0xE0 && b <= 0xEF ? 16 : b >= 0xF0 && b <= 0xF4 ? 32 : -1
                if field >= 0 { table[index] |= 1 << UInt64(field + k) }
            }
        }
        return table
    }()
}
