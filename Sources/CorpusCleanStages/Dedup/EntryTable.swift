import CTextKit
import CorpusCleanCore
/// A hash table from 64-bit hash keys (band keys, exact-text hashes) to index entries, with
/// open addressing in two flat arrays: no hashing of the keys again (they are hashes already)
/// and no per-lookup overhead of `Dictionary`, which the sequential half of dedup paid for
/// every band of every document.
struct EntryTable {
    private var keys: [UInt64]
    /// The entry of each slot; -1 marks a free one (entries are never negative).
    private var values: [Int32]
    private(set) var count = 0
    private var shift: UInt64

    /// Room for `minimumCapacity` keys without growing (at most three quarters of the slots
    /// are taken, as in `Dictionary`: the same memory, 16 to 32 bytes a key).
    init(minimumCapacity: Int = 0) {
        var capacity = 16
        while 3 * capacity < 4 * minimumCapacity { capacity *= 2 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Int32](repeating: -1, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// Slots allocated (for the index's memory figure).
    var capacity: Int { keys.count }

    /// The slot of `key`: where it is, or the free slot where it would go. The top bits of a
    /// Fibonacci product pick the first slot, since a band key keeps its band in the low bits.
    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        keys.withUnsafeBufferPointer { k in
            values.withUnsafeBufferPointer { v in Self.slot(key, keys: k, values: v, shift: shift) }
        }
    }

    /// `slot` over the arrays' storage, without bounds checks.
    @inline(__always)
    private static func slot(_ key: UInt64, keys: UnsafeBufferPointer<UInt64>, values: UnsafeBufferPointer<Int32>,
                             shift: UInt64) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while values[i] >= 0 && keys[i] != key { i = (i + 1) & mask }
        return i
    }

    /// Sets `key` to `value`, unless it has an entry already and `replace` is false; returns
    /// the entry it had, or -1. One look-up, and the count and growth as a new key needs.
    @inline(__always)
    private mutating func store(_ key: UInt64, _ value: Int32, replace: Bool) -> Int32 {
        precondition(value >= 0, "EntryTable holds entries, never negative")
        let shift = shift
        let old = keys.withUnsafeMutableBufferPointer { k in
            values.withUnsafeMutableBufferPointer { v in
                let i = Self.slot(key, keys: UnsafeBufferPointer(k), values: UnsafeBufferPointer(v), shift: shift)
                let old = v[i]
                if old < 0 { k[i] = key }
                if old < 0 || replace { v[i] = value }
                return old
            }
        }
        if old < 0 {
            count += 1
            if 4 * count > 3 * keys.count { grow() }
        }
        return old
    }

    subscript(key: UInt64) -> Int32? {
        get {
            let value = values[slot(key)]
            return value >= 0 ? value : nil
        }
        set {
            guard let newValue else { preconditionFailure("EntryTable keeps its keys") }
            _ = store(key, newValue, replace: true)
        }
    }

    /// The entries of `query.count` keys (-1 for none) into `found`, and into `slots` the slot of each
    /// key, or where it would go: looked up together, their cache misses overlapping
    /// (`ctk_entry_table_find`). A slot is a hint for `exchange(_:_:slots:previous:)` while `capacity` stays the same.
    func find(_ query: UnsafeBufferPointer<UInt64>, found: UnsafeMutablePointer<Int32>, slots: UnsafeMutablePointer<Int64>) {
        keys.withUnsafeBufferPointer { k in
            values.withUnsafeBufferPointer { v in
                ctk_entry_table_find(k.baseAddress, v.baseAddress, k.count - 1, UInt32(truncatingIfNeeded: shift),
                                     query.baseAddress, query.count, found, slots)
            }
        }
    }

    /// Sets each key of `query` to `value`, in order, and writes the entry it had (-1 for none) to
    /// `previous`: `exchange` key by key, probing from `slots` (`find`'s) while the table has not grown.
    mutating func exchange(_ query: UnsafeBufferPointer<UInt64>, _ value: Int32, slots: UnsafePointer<Int64>?,
                           previous: UnsafeMutablePointer<Int32>) {
        precondition(value >= 0, "EntryTable holds entries, never negative")
        var done = 0
        var hints = slots
        while done < query.count {
            let shift = UInt32(truncatingIfNeeded: shift)
            var count = count
            done += keys.withUnsafeMutableBufferPointer { k in
                values.withUnsafeMutableBufferPointer { v in
                    ctk_entry_table_exchange(k.baseAddress, v.baseAddress, k.count - 1, shift, query.baseAddress! + done,
                                             query.count - done, hints.map { $0 + done }, value, previous + done, &count)
                }
            }
            self.count = count
            if 4 * count > 3 * keys.count {
                grow()
                hints = nil
            }
        }
    }

    /// Sets `key` to `value` unless it has an entry already.
    mutating func insertIfAbsent(_ key: UInt64, _ value: Int32) {
        _ = store(key, value, replace: false)
    }

    private mutating func grow() {
        var larger = EntryTable(minimumCapacity: 2 * count)
        let shift = UInt32(truncatingIfNeeded: larger.shift)
        keys.withUnsafeBufferPointer { oldKeys in
            values.withUnsafeBufferPointer { oldValues in
                larger.keys.withUnsafeMutableBufferPointer { k in
                    larger.values.withUnsafeMutableBufferPointer { v in
                        ctk_entry_table_rehash(oldKeys.baseAddress, oldValues.baseAddress, oldKeys.count, k.baseAddress,
                                               v.baseAddress, k.count - 1, shift)
                    }
                }
            }
        }
        larger.count = count
        self = larger
    }

    /// The keys and their entries, by key.
    func sortedByKey() -> [(key: UInt64, entry: Int32)] {
        keys.indices.filter { values[$0] >= 0 }.map { (keys[$0], values[$0]) }.sorted { $0.key < $1.key }
    }
}
