/// A read-only open-addressing table from 64-bit token hashes to 32-bit values: the stopword
/// lookup runs once per token, where `Dictionary`'s seeded hashing would dominate.
struct HashedWordTable: Sendable {
    private let keys: [UInt64]
    private let values: [UInt32]
    private let mask: Int

    init(_ entries: [UInt64: UInt32]) {
        var size = 16
        while size < entries.count * 4 { size <<= 1 }
        var keys = [UInt64](repeating: 0, count: size)
        var values = [UInt32](repeating: 0, count: size)
        for (key, value) in entries where key != 0 {
            var i = Int(truncatingIfNeeded: key >> 7) & (size - 1)
            while keys[i] != 0 { i = (i + 1) & (size - 1) }
            keys[i] = key
            values[i] = value
        }
        self.keys = keys
        self.values = values
        mask = size - 1
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
}
