import CorpusCleanCore
/// FNV-1a over 32-bit values (Unicode scalars), the hash of tokens and n-grams in the
/// shingler and the n-gram language model.
enum FNV1a {
    static let basis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash `h` extended by one value.
    @inline(__always)
    static func step(_ h: UInt64, _ v: UInt32) -> UInt64 { (h ^ UInt64(v)) &* prime }
}
