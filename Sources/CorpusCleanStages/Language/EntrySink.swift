import CorpusCleanCore
/// Adds every language's entry of the key to its total, less the language's floor.
struct EntrySink: NgramSink {
    let entries: UnsafeBufferPointer<UInt16>
    let floors: UnsafeBufferPointer<Int32>
    let total: UnsafeMutableBufferPointer<Int32>

    @inline(__always) mutating func add(key: Int, first: Int, end: Int) {
        for e in first..<end {
            let entry = entries[e]
            let language = Int(entry & 0xFF)
            total[language] &+= Int32(entry >> 8) &- floors[language]
        }
    }
}
