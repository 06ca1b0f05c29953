import CorpusCleanCore
/// Where `NgramModel`'s scan hands each n-gram of a text, by its FNV-1a hash: the sink finds
/// it among its keys (the top 16 and the low 32 bits name a key) and adds its costs.
protocol NgramSink {
    /// Starts bringing in the memory that `add(hash)` will read: the scan hands a word's
    /// n-grams here first, so that their cache misses overlap.
    func prefetch(_ hash: UInt64)
    mutating func add(_ hash: UInt64)
}
