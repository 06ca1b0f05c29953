import CorpusCleanCore

/// A few hundred line keys (`LineFeatures.key`) asked about at every line: a filter of 4,096
/// bits (512 bytes, which the scan of the next document leaves in the nearest cache, where the
/// table's 32 KB of slots are gone from it) in front of a `HashedWordTable`. A key whose bit is
/// clear is absent without a read of the table; the bit is chosen by the key's top 12 bits, part
/// of the fingerprint a slot holds (`HashedWordTable`: a key found has a stored key's upper 32
/// bits, or both have 0 or 1 there), so the answers are the table's.
struct LineKeySet: @unchecked Sendable {
    private let table: HashedWordTable
    /// 64 words of bits, for the process's lifetime (as the table's slots).
    private let bits: UnsafeMutablePointer<UInt64>

    init(keys: [UInt64]) {
        table = HashedWordTable(keys: keys)
        bits = .allocate(capacity: 64)
        bits.initialize(repeating: 0, count: 64)
        for key in keys {
            let bit = Int(truncatingIfNeeded: key >> 52)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    /// The value of `key` (1 for a key of the set), or 0 when it is absent.
    @inline(__always)
    func value(_ key: UInt64) -> UInt32 {
        let bit = Int(truncatingIfNeeded: key >> 52)
        guard bits[bit >> 6] >> UInt64(bit & 63) & 1 != 0 else { return 0 }
        return table.value(key)
    }
}
