/// Where `NgramModel`'s scan hands each n-gram of a text, by its FNV-1a hash: the sink finds
/// it among its keys (the top 16 and the low 32 bits name a key) and adds its costs.
protocol NgramSink {
    mutating func add(_ hash: UInt64)
}
