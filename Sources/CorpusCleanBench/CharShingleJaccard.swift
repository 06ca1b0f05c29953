import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut

/// Character 5-gram Jaccard as the contract of ../shared/data/perf-dev/README.md defines it:
/// the text lowercased (`String.lowercased()`), only the characters of Unicode general category
/// L* or N* kept, the set of their 5-character shingles (a text with fewer than 5 such
/// characters gives one shingle of all of them), exact set Jaccard.
///
/// Characters are Unicode scalars, not Swift `Character`s: shingles are compared code point by
/// code point, so an NFD spelling differs from the NFC one as it does for a Python check. A
/// shingle is its scalars packed 21 bits each into a `UInt128` (shorter ones padded with a
/// value above every scalar), so equal keys are equal shingles: no hashing, no collisions.
enum CharShingleJaccard {
    /// Characters per shingle.
    static let width = 5
    /// Fills the unused places of a shingle shorter than `width`; no scalar has this value.
    private static let padding: UInt128 = 0x1F_FFFF

    /// The scalar values of `text` lowercased, letters and digits only, in order.
    static func characters(_ text: String) -> [UInt32] {
        text.lowercased().unicodeScalars.compactMap { ShingleScorer.isLetterOrNumber($0) ? $0.value : nil }
    }

    /// The set of 5-character shingles of `text`; one shingle of all its characters when it has
    /// fewer than 5 (the empty shingle when it has none).
    static func shingles(_ text: String) -> Set<UInt128> {
        let characters = characters(text)
        let size = min(width, characters.count)
        var result = Set<UInt128>(minimumCapacity: characters.count - size + 1)
        for start in 0...(characters.count - size) {
            var key: UInt128 = 0
            for k in 0..<width {
                key = key << 21 | (k < size ? UInt128(characters[start + k]) : padding)
            }
            result.insert(key)
        }
        return result
    }

    /// Exact Jaccard of two shingle sets: shared shingles over all shingles.
    static func similarity(_ a: Set<UInt128>, _ b: Set<UInt128>) -> Double {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        let common = small.reduce(0) { large.contains($1) ? $0 + 1 : $0 }
        let union = a.count + b.count - common
        return union == 0 ? 1 : Double(common) / Double(union)
    }

    /// Exact character 5-gram Jaccard of two texts under the contract.
    static func similarity(_ a: String, _ b: String) -> Double {
        similarity(shingles(a), shingles(b))
    }
}
