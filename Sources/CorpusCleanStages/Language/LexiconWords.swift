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
        var start = lines.lowerBound
        while start < lines.upperBound {
            var tab = start
            while tab < lines.upperBound, base[tab] != 0x09, base[tab] != 0x0A { tab += 1 }
            var end = tab
            while end < lines.upperBound, base[end] != 0x0A { end += 1 }
            defer { start = end + 1 }
            let length = tab - start
            guard tab < end, length > 0, length < 256,
                  let weight = PairLexicon.weight(UnsafeBufferPointer(start: base + tab + 1, count: end - tab - 1)) else { continue }
            let word = UnsafeBufferPointer(start: base + start, count: length)
            let (home, tag) = Self.place(word)
            var i = home & (capacity - 1)
            while slots[i] != 0, !Self.holds(slots[i], tag: tag, word, base: base) { i = (i + 1) & (capacity - 1) }
            if slots[i] == 0 { words += 1 }
            slots[i] = UInt64(start) << 32 | tag
            weights[i] = weight
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
