import CorpusCleanCore
/// Where `NgramModel`'s scan hands each n-gram of a text, by its FNV-1a hash: the sink finds
/// it among its keys (the top 16 and the low 32 bits name a key) and adds its costs.
protocol NgramSink {
    /// Where `add` will start looking for the n-gram of `hash`, with that memory's load
    /// started: the scan locates a word's n-grams first, so that their cache misses overlap,
    /// and hands the place back to `add` rather than have it worked out twice.
    func locate(_ hash: UInt64) -> Int
    /// Adds the costs of the `count` n-grams of `hashes`, which `locate` placed at `places`.
    func add(_ hashes: UnsafePointer<UInt64>, at places: UnsafePointer<Int>, count: Int)
}
