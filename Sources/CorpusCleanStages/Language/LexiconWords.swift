import CorpusCleanCore
import Foundation
import CTextKit

/// The words of one pair of `PairLexicon` and their weights, found by their UTF-8 bytes: an
/// open-addressing table of the places of the words in the lexicon's bytes (compiled into the
/// binary, never freed), where a dictionary of strings cost a string and its hashing per word
/// to build (48 M instructions for the shipped lexicon) and to look up.
struct LexiconWords: @unchecked Sendable {
    /// The lexicon's bytes, which the slots point into.
    private let base: UnsafePointer<UInt8>
    /// Per slot: the word's offset in `base` above bit 32, 16 bits of its hash above bit 8, its
    /// length (1–255) in the low byte; 0 for an empty slot.
    private let slots: [UInt64]
    /// Per slot: the word's weight.
    private let weights: [Float]
    private let mask: Int
    /// Words in the table.
    let count: Int

    /// The words of the lines `lines` of `bytes` (each `word<TAB>weight` and a LF, as
    /// `PairLexicon.weight` reads weights; lines without a tab and words whose weight does not
    /// read are left out, and a word met again takes its last weight). `count` bounds the
    /// words, for the table's size.
    init(_ bytes: UnsafeBufferPointer<UInt8>, lines: Range<Int>, count: Int) {
        var capacity = 16
        while capacity < 2 * count { capacity *= 2 }
        var slots = [UInt64](repeatElement(0, count: capacity))
        var weights = [Float](repeatElement(0, count: capacity))
        var words = 0
        let base = bytes.baseAddress!
        // The words of a batch of lines are read and hashed and their first slots prefetched
        // before the first is put in (in order: a word met again takes its last weight), so
        // that the slots' cache misses overlap.
        let batch = 64, tableMask = capacity - 1
        var pending: [(start: Int, weight: Float, home: Int, tag: UInt64)] = []
        pending.reserveCapacity(batch)
        var start = lines.lowerBound
        slots.withUnsafeMutableBufferPointer { slots in
            weights.withUnsafeMutableBufferPointer { weights in
                while start < lines.upperBound {
                    pending.removeAll(keepingCapacity: true)
                    while start < lines.upperBound, pending.count < batch {
                        var tab = start
                        while tab < lines.upperBound, base[tab] != 0x09, base[tab] != 0x0A { tab += 1 }
                        var end = tab
                        while end < lines.upperBound, base[end] != 0x0A { end += 1 }
                        defer { start = end + 1 }
                        let length = tab - start
                        guard tab < end, length > 0, length < 256,
                              let weight = PairLexicon.weight(UnsafeBufferPointer(start: base + tab + 1, count: end - tab - 1)) else { continue }
                        let (home, tag) = Self.place(UnsafeBufferPointer(start: base + start, count: length))
                        ctk_prefetch(slots.baseAddress! + (home & tableMask))
                        pending.append((start, weight, home, tag))
                    }
                    for word in pending {
                        let bytes = UnsafeBufferPointer(start: base + word.start, count: Int(word.tag & 0xFF))
                        var i = word.home & tableMask
                        while slots[i] != 0, !Self.holds(slots[i], tag: word.tag, bytes, base: base) { i = (i + 1) & tableMask }
                        if slots[i] == 0 { words += 1 }
                        slots[i] = UInt64(word.start) << 32 | word.tag
                        weights[i] = word.weight
                    }
                }
            }
        }
        self.base = base
        self.slots = slots
        self.weights = weights
        mask = capacity - 1
        self.count = words
    }

    /// The weight of the word of UTF-8 `word`; nil when it is not in the table.
    @inline(__always)
    func weight(of word: UnsafeBufferPointer<UInt8>) -> Float? {
        guard word.count > 0, word.count < 256 else { return nil }
        let (home, tag) = Self.place(word)
        var i = home & mask
        while true {
            let slot = slots[i]
            if slot == 0 { return nil }
            if Self.holds(slot, tag: tag, word, base: base) { return weights[i] }
            i = (i + 1) & mask
        }
    }

    /// The summed weights of the words `words` (each a start and a length in `text`) found in
    /// the table, added in their order, and how many were found: `weight(of:)` of each, with
    /// the table's cache misses overlapped. A first pass prefetches every word's first slot and
    /// weight, a second finds the first slot that is empty or has the word's tag and prefetches
    /// the word's bytes in the lexicon there, a third compares the bytes and adds (a word
    /// looked up alone waited for its slot, then for its bytes and weight). Each place's `slot`
    /// and `tag` are written over (the passes keep their state there; -1 in `slot` for a word
    /// the table cannot hold); its `start` and `length` are read only.
    func sum(_ words: UnsafeMutableBufferPointer<LexiconWordPlace>, in text: UnsafePointer<UInt8>) -> (sum: Double, matched: Int) {
        slots.withUnsafeBufferPointer { slots in
            weights.withUnsafeBufferPointer { weights in
                let slots = slots.baseAddress!, weights = weights.baseAddress!
                for k in words.indices {
                    let word = UnsafeBufferPointer(start: text + Int(words[k].start), count: Int(words[k].length))
                    guard word.count > 0, word.count < 256 else {
                        words[k].slot = -1
                        continue
                    }
                    let (home, tag) = Self.place(word)
                    let i = home & mask
                    words[k].slot = Int32(i)
                    words[k].tag = UInt32(tag)
                    ctk_prefetch(slots + i)
                    ctk_prefetch(weights + i)
                }
                for k in words.indices where words[k].slot >= 0 {
                    let tag = UInt64(words[k].tag)
                    var i = Int(words[k].slot)
                    while slots[i] != 0, slots[i] & 0xFFFF_FFFF != tag { i = (i + 1) & mask }
                    words[k].slot = Int32(i)
                    if slots[i] != 0 { ctk_prefetch(base + Int(slots[i] >> 32)) }
                }
                var sum = 0.0, matched = 0
                for k in words.indices where words[k].slot >= 0 {
                    let word = UnsafeBufferPointer(start: text + Int(words[k].start), count: Int(words[k].length))
                    let tag = UInt64(words[k].tag)
                    var i = Int(words[k].slot)
                    while slots[i] != 0 {
                        if Self.holds(slots[i], tag: tag, word, base: base) {
                            sum += Double(weights[i])
                            matched += 1
                            break
                        }
                        i = (i + 1) & mask
                    }
                }
                return (sum, matched)
            }
        }
    }

    /// The first slot to probe for `word` (1–255 bytes), and the low 32 bits of its slot.
    @inline(__always)
    private static func place(_ word: UnsafeBufferPointer<UInt8>) -> (home: Int, tag: UInt64) {
        let hash = ctk_hash64(word.baseAddress, word.count, 0)
        return (Int(truncatingIfNeeded: hash), (hash >> 48) << 8 | UInt64(word.count))
    }

    /// Whether `slot` holds the word of `word`, whose slot's low 32 bits are `tag`.
    @inline(__always)
    private static func holds(_ slot: UInt64, tag: UInt64, _ word: UnsafeBufferPointer<UInt8>,
                              base: UnsafePointer<UInt8>) -> Bool {
        slot & 0xFFFF_FFFF == tag && memcmp(base + Int(slot >> 32), word.baseAddress!, word.count) == 0
    }
}
