import CorpusCleanCore
/// What the concurrent half of dedup computes for one document. A class, so that taking it from
/// the document's state (`DocumentState.prepared`, a cast out of an existential) retains one
/// object, not its three arrays, on the sequential half's thread.
package final class DedupSignature: Sendable {
    /// Hash of the text with whitespace runs collapsed, for exact duplicates.
    package let exactHash: UInt64
    /// UTF-8 bytes of the text, for the `longest` keep policy.
    let length: Int
    /// Distinct shingle hashes, for exact verification; empty otherwise.
    package let shingles: [UInt64]
    /// Whether `shingles` is sorted (else in the order of the text): `DedupStage.prepare` leaves
    /// the sorting to the sets kept in a saved index (comparisons need no order).
    package let shinglesSorted: Bool
    /// Distinct shingles of the text.
    package let shingleCount: Int
    /// MinHash signature; empty when the text has no tokens, near-dedup is off, or `DedupStage.prepare`
    /// made it for `verify: exact` (whose index keeps the band keys only).
    package let signature: [UInt32]
    /// One key per LSH band: the hash of the band's rows with the band number in the low 10 bits.
    package let bandKeys: [UInt64]

    init(exactHash: UInt64, length: Int, shingles: [UInt64], shinglesSorted: Bool, shingleCount: Int, signature: [UInt32],
         bandKeys: [UInt64]) {
        self.exactHash = exactHash
        self.length = length
        self.shingles = shingles
        self.shinglesSorted = shinglesSorted
        self.shingleCount = shingleCount
        self.signature = signature
        self.bandKeys = bandKeys
    }
}
