/// In how many documents of the corpus each normalized line occurs (the CCNet idea: a line
/// that many pages share is page chrome). Filled by the runner's pre-pass, read by the stage.
///
/// Thread safety: `count(_:)` runs sequentially before the main pass starts and `documents(_:)`
/// only during the main pass, whose dispatch orders it after every write; hence `@unchecked`.
public final class CorpusLineCounts: CorpusPrepass, @unchecked Sendable {
    /// Open addressing on the (already hashed) keys; 0 marks a free slot.
    private var slots = [UInt64](repeating: 0, count: 1024)
    private var counts = [Int32](repeating: 0, count: 1024)
    private var used = 0

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
            if slots[i] == 0 { slots[i] = key; used += 1 }
            counts[i] += 1
        }
    }

    /// Documents holding a line with this key.
    func documents(_ key: UInt64) -> Int {
        guard used > 0 else { return 0 }
        let i = slot(key)
        return slots[i] == key ? Int(counts[i]) : 0
    }

    /// The slot of `key`, or the free slot where it would go.
    private func slot(_ key: UInt64) -> Int {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: key >> 11) & mask
        while slots[i] != 0 && slots[i] != key { i = (i + 1) & mask }
        return i
    }

    private func grow() {
        let oldSlots = slots, oldCounts = counts
        slots = [UInt64](repeating: 0, count: oldSlots.count * 2)
        counts = [Int32](repeating: 0, count: oldSlots.count * 2)
        for (key, n) in zip(oldSlots, oldCounts) where key != 0 {
            let i = slot(key)
            slots[i] = key
            counts[i] = n
        }
    }
}
