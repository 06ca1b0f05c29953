import CorpusCleanCore
/// Adds the key's dense row of a few languages (0: the language never had the n-gram).
struct RowSink: NgramSink {
    let rows: UnsafeBufferPointer<UInt8>
    let floors: UnsafeBufferPointer<Int32>
    let total: UnsafeMutableBufferPointer<Int32>

    @inline(__always) mutating func add(key: Int, first: Int, end: Int) {
        let width = total.count
        for c in 0..<width {
            let cost = rows[key * width + c]
            if cost != 0 { total[c] &+= Int32(cost) &- floors[c] }
        }
    }
}
