import CorpusCleanCore
/// FNV-1a over the lowercased UTF-8 of a token; the same function builds the stopword table
/// and scans the text, so lookups need no String.
enum TokenHash {
    static let seed = FNV1a.basis
    static let prime = FNV1a.prime

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = seed
        var scalars = bytes.makeIterator()
        var decoder = UTF8()
        while case let .scalarValue(s) = decoder.decode(&scalars) { h = add(lower(s.value), to: h) }
        return h
    }

    /// Adds one (already lowercased) scalar to a running hash.
    @inline(__always)
    static func add(_ v: UInt32, to h: UInt64) -> UInt64 {
        var h = h
        var v = v
        repeat {
            h = (h ^ UInt64(v & 0xFF)) &* prime
            v >>= 8
        } while v != 0
        return h
    }

    /// Hash of two consecutive tokens.
    @inline(__always)
    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { (a &* prime) ^ (b >> 1) ^ 0x9E37_79B9_7F4A_7C15 }

    /// Lowercase of the cased scripts that matter most (ASCII, Latin-1, Latin Extended-A,
    /// Greek, Cyrillic); other scalars are returned unchanged.
    @inline(__always)
    static func lower(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE, 0x391...0x3A1, 0x3A3...0x3AB, 0x410...0x42F: return v + 0x20
        case 0x100...0x137, 0x14A...0x177: return v | 1
        case 0x139...0x148, 0x179...0x17E: return v & 1 == 1 ? v + 1 : v
        case 0x400...0x40F: return v + 0x50
        default: return v
        }
    }
}
