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

    /// The inverse of `prime` (odd, so invertible modulo 2^64) to the power `m` (0...8): a hash
    /// that took `m` more rounds of zero bytes than it should, times this, is the hash without them.
    @inline(__always)
    static func inversePrimePower(_ m: Int) -> UInt64 {
        switch m {
        case 0: return 1
        case 1: return 0xCE96_5057_AFF6_957B
        case 2: return 0x501D_877B_C9AC_6919
        case 3: return 0x9AF1_53DF_5408_0C03
        case 4: return 0xB10F_8D2C_A6BD_8471
        case 5: return 0xBA88_EB8D_EEBA_674B
        case 6: return 0xF30A_275C_B8C0_4809
        case 7: return 0x3750_2627_0DF5_D953
        case 8: return 0x48E2_54E7_5F5E_B9E1
        default: preconditionFailure("a power past 8")
        }
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
