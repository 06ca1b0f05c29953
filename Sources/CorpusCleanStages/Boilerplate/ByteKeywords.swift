import CorpusCleanCore
/// A set of words to find inside a line's UTF-8 bytes without building a String: ASCII
/// letters compare without case, other bytes exactly. Candidates are bucketed by first byte.
struct ByteKeywords: Sendable {
    private let words: [[UInt8]]
    private let buckets: [[Int]]
    /// Bit set of the (folded) first bytes, checked before the buckets.
    private let firstBytes: (UInt64, UInt64, UInt64, UInt64)
    /// Whether a match must start a word (at the start or after a space).
    private let atWordStart: Bool

    init(_ words: [String], atWordStart: Bool) {
        let folded = words.map { Array($0.utf8) }
        self.words = folded
        var buckets = [[Int]](repeating: [], count: 256)
        for (i, w) in folded.enumerated() { buckets[Int(ByteKeywords.fold(w[0]))].append(i) }
        self.buckets = buckets
        var bits: [UInt64] = [0, 0, 0, 0]
        for w in folded { let b = Int(ByteKeywords.fold(w[0])); bits[b >> 6] |= 1 << UInt64(b & 63) }
        firstBytes = (bits[0], bits[1], bits[2], bits[3])
        self.atWordStart = atWordStart
    }

    @inline(__always)
    private static func fold(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// Whether one of the words occurs in `t`.
    func occurs(in t: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in t.indices {
            let b = Int(ByteKeywords.fold(t[i]))
            let word64 = b < 128 ? (b < 64 ? firstBytes.0 : firstBytes.1) : (b < 192 ? firstBytes.2 : firstBytes.3)
            guard word64 & (1 << UInt64(b & 63)) != 0, !atWordStart || i == 0 || t[i - 1] == 0x20 else { continue }
            for w in buckets[b] {
                let word = words[w]
                guard i + word.count <= t.count else { continue }
                var k = 1
                while k < word.count && ByteKeywords.fold(t[i + k]) == word[k] { k += 1 }
                if k == word.count { return true }
            }
        }
        return false
    }
}
