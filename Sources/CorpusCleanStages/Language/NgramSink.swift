import CorpusCleanCore
/// Where `NgramModel`'s scan adds the cost of an n-gram it found: key `key`, whose entries
/// (language and cost) are `first..<end`.
protocol NgramSink {
    mutating func add(key: Int, first: Int, end: Int)
}
