import CorpusCleanCore
/// Which normalized lines occur in more than `threshold` documents of the corpus (the CCNet
/// idea: a line that many pages share is page chrome). Filled by the runner's pre-pass, read
/// by the stage.
///
/// Counting is exact and in bounded memory (`ExternalKeyCounter`); only the lines over the
/// threshold are kept for the main pass, in a hash set.
///
/// Thread safety: `count(_:)` and `finish()` run sequentially before the main pass starts and
/// `isShared(_:)` only during the main pass, whose dispatch orders it after every write; hence
/// `@unchecked` (and no dynamic exclusivity checks on the table).
public final class CorpusLineCounts: CorpusPrepass, @unchecked Sendable {
    /// A line in more documents than this is shared.
    public let threshold: Int
    /// A line that ends a sentence and has this many words or more is not counted: the stage
    /// keeps such a line whatever its count (`CorpusRepetitionPass`); 0 counts every line.
    public let sentenceWords: Int
    private let counter: ExternalKeyCounter
    /// `LineScanTables.shared`, read once: each read of a static asks whether it is made yet.
    private let tables = LineScanTables.shared
    /// Open addressing on the (already hashed) keys of the shared lines; key 0 marks a free slot.
    @exclusivity(unchecked) private var slots = [UInt64](repeating: 0, count: 1)
    /// A bit per value of a key's top bits (64 - `filterShift` of them), set for the shared keys:
    /// 16 bits a key or more. Most lines are not shared, and their lookup reads a word of this
    /// (an eighth of `slots`' size, which the cache keeps) instead of a slot.
    @exclusivity(unchecked) private var filter = [UInt64](repeating: ~0, count: 1)
    @exclusivity(unchecked) private var filterShift: UInt64 = 58

    /// `runKeys`: keys held in memory before a sorted run goes to `$TMPDIR` (8 bytes each).
    public init(threshold: Int, sentenceWords: Int = 0, runKeys: Int = 1 << 20) {
        self.threshold = threshold
        self.sentenceWords = sentenceWords
        counter = ExternalKeyCounter(runCapacity: runKeys)
    }

    public func keys(of text: String) -> [UInt64] {
        var keys: [UInt64] = []
        text.withUTF8Bytes { self.keys(ofUTF8: $0, newlinesEscaped: false, appendingTo: &keys) }
        return keys
    }

    public func keys(ofUTF8 text: UnsafeBufferPointer<UInt8>, newlinesEscaped: Bool, appendingTo keys: inout [UInt64]) {
        LineKeys.appendDistinct(text, newlinesEscaped: newlinesEscaped, sentenceWords: sentenceWords, tables: tables, to: &keys)
    }

    public func count(_ keys: [UInt64]) {
        // Filtered only when there is a 0 to take out: a copy is an allocation a document.
        counter.add(keys.contains(0) ? keys.filter { $0 != 0 } : keys)
    }

    public func finish() throws(InputError) {
        let shared = try counter.keys(countedMoreThan: threshold)
        var capacity = 1
        while capacity < 2 * shared.count + 2 { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
        // 8 x capacity bits (capacity >= 2 x shared keys), and at least one word.
        let bits = max(64, 8 * capacity)
        filter = [UInt64](repeating: 0, count: bits / 64)
        filterShift = UInt64(64 - bits.trailingZeroBitCount)
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            for key in shared {
                var i = Int(truncatingIfNeeded: key >> 11) & mask
                while slots[i] != 0 { i = (i + 1) & mask }
                slots[i] = key
                let bit = key >> filterShift
                filter[Int(bit >> 6)] |= 1 << (bit & 63)
            }
        }
    }

    /// Whether the line with this key is in more than `threshold` documents. Inlined into the
    /// caller's loop of lookups, so that the processor overlaps their cache misses.
    @inline(__always)
    func isShared(_ key: UInt64) -> Bool {
        let bit = key >> filterShift
        guard filter.withUnsafeBufferPointer({ $0[Int(bit >> 6)] >> (bit & 63) & 1 != 0 }) else { return false }
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: key >> 11) & mask
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & mask }
            return key != 0 && slots[i] == key
        }
    }
}
