/// In how many documents of the corpus each normalized line occurs (the CCNet idea: a line
/// that many pages share is page chrome). Filled by the runner's pre-pass, read by the stage.
///
/// Thread safety: `count(_:)` runs sequentially before the main pass starts and `documents(_:)`
/// only during the main pass, whose dispatch orders it after every write; hence `@unchecked`
/// (and no dynamic exclusivity checks on the table).
public final class CorpusLineCounts: CorpusPrepass, @unchecked Sendable {
    /// Open addressing on the (already hashed) keys, each beside its count so that a lookup
    /// reads one place; key 0 marks a free slot.
    @exclusivity(unchecked) private var slots = [(key: UInt64, documents: Int32)](repeating: (0, 0), count: 1024)
    @exclusivity(unchecked) private var used = 0

    public init() {}

    public func keys(of text: String) -> [UInt64] {
        var text = text
        let lines = text.withUTF8 { LineScanner($0).lines }
        var seen = Set<UInt64>()
        return lines.compactMap { $0.key != 0 && seen.insert($0.key).inserted ? $0.key : nil }
    }

    public func count(_ keys: [UInt64]) {
        for key in keys where key != 0 {
            if used * 2 >= slots.count { grow() }
            let i = slot(key)
            if slots[i].key == 0 { slots[i].key = key; used += 1 }
            slots[i].documents += 1
        }
    }

    /// Documents holding a line with this key. Inlined into the caller's loop of lookups, so
    /// that the processor overlaps their cache misses.
    @inline(__always)
    func documents(_ key: UInt64) -> Int {
        guard used > 0 else { return 0 }
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: key >> 11) & mask
            while slots[i].key != 0 && slots[i].key != key { i = (i + 1) & mask }
            return slots[i].key == key ? Int(slots[i].documents) : 0
        }
    }

    /// The slot of `key`, or the free slot where it would go.
    private func slot(_ key: UInt64) -> Int {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: key >> 11) & mask
        while slots[i].key != 0 && slots[i].key != key { i = (i + 1) & mask }
        return i
    }

    private func grow() {
        let old = slots
        slots = [(key: UInt64, documents: Int32)](repeating: (0, 0), count: old.count * 2)
        for entry in old where entry.key != 0 { slots[slot(entry.key)] = entry }
    }
}
