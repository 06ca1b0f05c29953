import CorpusCleanCore
import CTextKit

/// Finds an n-gram in a `SubsetTable` and adds its dense row of a few languages (0: the
/// language never had the n-gram), less each language's floor; n-grams none of them had are
/// not in the table.
struct RowSink: NgramSink {
    /// The table's slots.
    let slots: UnsafeRawPointer
    let mask: Int
    let shift: UInt64
    let stride: Int
    let floors: UnsafeBufferPointer<Int32>
    let total: UnsafeMutableBufferPointer<Int32>

    @inline(__always) func prefetch(_ hash: UInt64) {
        ctk_prefetch(slots + SubsetTable.home(SubsetTable.key(hash), shift: shift) * stride)
    }

    @inline(__always) mutating func add(_ hash: UInt64) {
        let key = SubsetTable.key(hash) | SubsetTable.taken
        var i = SubsetTable.home(key & ~SubsetTable.taken, shift: shift)
        while true {
            let slot = slots + i * stride
            let word = slot.load(as: UInt64.self)
            if word & SubsetTable.keyAndTag == key {
                for c in 0..<total.count {
                    let cost = slot.load(fromByteOffset: 7 + c, as: UInt8.self)
                    if cost != 0 { total[c] &+= Int32(cost) &- floors[c] }
                }
                return
            }
            if word & SubsetTable.taken == 0 { return }
            i = (i + 1) & mask
        }
    }
}
