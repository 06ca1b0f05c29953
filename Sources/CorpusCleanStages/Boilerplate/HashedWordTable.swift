import CorpusCleanCore
import CTextKit

/// A read-only open-addressing table from 64-bit token hashes to 32-bit values: the word-list
/// lookup runs once per token, where `Dictionary`'s seeded hashing and array bounds checks
/// would dominate. A slot holds the upper half of its key beside the value, so that a lookup
/// reads one word, and the table is kept at most 1/8 full, so that the first slot probed
/// nearly always decides and the lookup's branches are predictable whether the token is in the
/// table or not. Two keys that differ only in their lower half (1 in 2^32 per probe) may
/// share a slot (the second one given meets the first's on its probe path before a free slot),
/// their values ORed. Built once for a static table; its storage lives as long as the process.
struct HashedWordTable: @unchecked Sendable {
    /// Fingerprint (upper 32 bits of the key, never 0) << 32 | value; 0 marks a free slot (the
    /// layout `ctk_line_tables.stopword_slots` reads); `mask + 1` of them, and one more.
    let slots: UnsafeMutablePointer<UInt64>
    let mask: Int
    /// Bit `key >> (64 - filterBits)` (of 2^filterBits) is set for every key: a lookup that finds
    /// its bit clear need not read the table, whose slots spread over more memory than the cache
    /// closest to the core holds (`filteredValue`; with the 2^16 bits of the default, the layout
    /// `ctk_line_tables.stopword_filter` reads). The bit is chosen by the key's top bits, part of
    /// the fingerprint a slot holds (a key found has a stored key's upper 32 bits, or both have 0
    /// or 1 there), so the answers are the table's.
    let filter: UnsafeMutablePointer<UInt64>
    private let filterShift: UInt64

    /// The table of `entries`, with a filter of 2^`filterBits` bits (6...32). Slots are filled in
    /// the order given (the values of a key given twice are ORed), so the layout is the same in
    /// every process and an entry given early sits in its home slot unless one given before holds
    /// it: the first probe decides it. Give the keys looked up most often first.
    init(_ entries: [(key: UInt64, value: UInt32)], filterBits: Int = 16) {
        var size = 64
        while size < entries.count * 8 { size <<= 1 }
        // And one slot past the mask, always free (what `ctk_line_tables` reads for a key whose
        // filter bit is clear).
        slots = .allocate(capacity: size + 1)
        slots.initialize(repeating: 0, count: size + 1)
        mask = size - 1
        filterShift = UInt64(64 - filterBits)
        filter = .allocate(capacity: 1 << (filterBits - 6))
        filter.initialize(repeating: 0, count: 1 << (filterBits - 6))
        for (key, value) in entries where key != 0 {
            let bit = Int(truncatingIfNeeded: key >> filterShift)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
            var i = Int(truncatingIfNeeded: key >> 7) & mask
            let tag = HashedWordTable.fingerprint(key)
            while slots[i] != 0 && slots[i] >> 32 != tag { i = (i + 1) & mask }
            slots[i] = tag << 32 | (slots[i] & 0xFFFF_FFFF) | UInt64(value)
        }
    }

    /// A set: every key of `keys` with the value 1, placed in their order.
    init(keys: some Sequence<UInt64>, filterBits: Int = 16) {
        self.init(keys.map { ($0, UInt32(1)) }, filterBits: filterBits)
    }

    /// A set of words, keyed as the scanner hashes tokens (`TokenHash.hash`).
    init(words: [String]) {
        self.init(keys: words.map { TokenHash.hash($0) })
    }

    @inline(__always)
    private static func fingerprint(_ key: UInt64) -> UInt64 {
        let tag = key >> 32
        return tag == 0 ? 1 : tag
    }

    /// The value of `key`, or 0 when it is absent.
    @inline(__always)
    func value(_ key: UInt64) -> UInt32 {
        var i = Int(truncatingIfNeeded: key >> 7) & mask
        let tag = HashedWordTable.fingerprint(key)
        var slot = slots[i]
        while slot != 0 && slot >> 32 != tag {
            i = (i + 1) & mask
            slot = slots[i]
        }
        return slot >> 32 == tag ? UInt32(truncatingIfNeeded: slot) : 0
    }

    /// `value(key)`, the filter read first: for a table asked mostly about keys it does not hold.
    @inline(__always)
    func filteredValue(_ key: UInt64) -> UInt32 {
        let bit = Int(truncatingIfNeeded: key >> filterShift)
        guard filter[bit >> 6] >> UInt64(bit & 63) & 1 != 0 else { return 0 }
        return value(key)
    }

    /// Whether one of the first `limit` ASCII words of `t[from..<to]` (lowercased, split at
    /// anything but letters) is in the table.
    func holdsWord(of t: UnsafeBufferPointer<UInt8>, from: Int, to: Int, limit: Int = .max) -> Bool {
        guard let base = t.baseAddress else { return false }
        var words = 0
        var i = from
        while i < to && words < limit {
            guard (t[i] | 0x20) &- 0x61 < 26 else {
                i += 1
                continue
            }
            let start = i
            while i < to && (t[i] | 0x20) &- 0x61 < 26 { i += 1 }
            if value(ctk_token_hash(base + start, i - start)) != 0 { return true }
            words += 1
        }
        return false
    }
}
