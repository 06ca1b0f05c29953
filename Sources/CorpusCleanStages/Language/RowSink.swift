import CorpusCleanCore
import CTextKit

/// Finds an n-gram in a `SubsetTable` and adds its dense row of a few languages (0: the
/// language never had the n-gram), less each language's floor; n-grams none of them had are
/// not in the table.
///
/// The rows are added a batch at a time in C (`ctk_close_rows_add`: rows of 2 to 9 languages,
/// 16-byte slots, have their nine costs widened and added in SSE2 lanes, where the same sums in
/// 64-bit words here took twice the instructions; other rows a cost at a time).
struct RowSink: NgramSink {
    /// The table's slots.
    let slots: UnsafeRawPointer
    let mask: Int
    let shift: UInt64
    let stride: Int
    let floors: UnsafeBufferPointer<Int32>
    let total: UnsafeMutableBufferPointer<Int32>

    init(slots: UnsafeRawPointer, mask: Int, shift: UInt64, stride: Int, floors: UnsafeBufferPointer<Int32>,
         total: UnsafeMutableBufferPointer<Int32>) {
        self.slots = slots
        self.mask = mask
        self.shift = shift
        self.stride = stride
        self.floors = floors
        self.total = total
    }

    /// The n-gram's first slot to probe.
    @inline(__always) func locate(_ hash: UInt64) -> Int {
        let home = SubsetTable.home(SubsetTable.key(hash), shift: shift)
        ctk_prefetch(slots + home &* stride)
        return home
    }

    func add(_ hashes: UnsafePointer<UInt64>, at places: UnsafePointer<Int>, count: Int) {
        ctk_close_rows_add(slots.assumingMemoryBound(to: UInt8.self), stride, mask, hashes, places, count,
                           floors.baseAddress, total.baseAddress, Int32(total.count))
    }
}
