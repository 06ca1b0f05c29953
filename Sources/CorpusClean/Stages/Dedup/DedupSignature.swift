/// What the concurrent half of dedup computes for one document.
struct DedupSignature: Sendable {
    /// Hash of the text with whitespace runs collapsed, for exact duplicates.
    let exactHash: UInt64
    /// MinHash signature; empty when the text has no tokens or near-dedup is off.
    let signature: [UInt32]
    /// One hash per LSH band.
    let bandHashes: [UInt64]
}
