/// A read-only open-addressing table from 64-bit token hashes to 32-bit values: the word-list
/// lookup runs once per token, where `Dictionary`'s seeded hashing and array bounds checks
/// would dominate. Built once for a static table; its storage lives as long as the process.
struct HashedWordTable: @unchecked Sendable {
    private let keys: UnsafeMutablePointer<UInt64>
    private let values: UnsafeMutablePointer<UInt32>
    private let mask: Int

    init(_ entries: [UInt64: UInt32]) {
        var size = 16
        while size < entries.count * 2 { size <<= 1 }
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        values = .allocate(capacity: size)
        values.initialize(repeating: 0, count: size)
        mask = size - 1
        for (key, value) in entries where key != 0 {
            var i = Int(truncatingIfNeeded: key >> 7) & mask
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            values[i] = value
        }
    }

    /// The value of `key`, or 0 when it is absent.
    @inline(__always)
    func value(_ key: UInt64) -> UInt32 {
        var i = Int(truncatingIfNeeded: key >> 7) & mask
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    /// Whether one of the first `limit` ASCII words of `t[from..<to]` (lowercased, split at
    /// anything but letters) is in the table.
    func holdsWord(of t: UnsafeBufferPointer<UInt8>, from: Int, to: Int, limit: Int = .max) -> Bool {
        var h = TokenHash.seed
        var inWord = false
        var words = 0
        var i = from
        while i <= to && words < limit {
            let lower = i < to ? t[i] | 0x20 : 0
            if i < to && lower &- 0x61 < 26 {
                h = (h ^ UInt64(lower)) &* TokenHash.prime
                inWord = true
            } else if inWord {
                if value(h) != 0 { return true }
                words += 1
                h = TokenHash.seed
                inWord = false
            }
            i += 1
        }
        return false
    }
}
