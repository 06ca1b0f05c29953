import CorpusCleanCore
import CTextKit

/// Finds an n-gram in a `SubsetTable` and adds its dense row of a few languages (0: the
/// language never had the n-gram), less each language's floor; n-grams none of them had are
/// not in the table.
///
/// Rows of 2 to 9 languages (16-byte slots) are added eight costs at a time: the costs of the
/// second to ninth language, the slot's second word, are summed in 16-bit lanes (its even and
/// odd bytes) with their non-zero counts in 8-bit lanes, and moved to `total` (as sums less
/// the floor times the count, the same modulo 2^32) before a lane can overflow and at `finish()`.
struct RowSink: NgramSink {
    /// The table's slots.
    let slots: UnsafeRawPointer
    let mask: Int
    let shift: UInt64
    let stride: Int
    let floors: UnsafeBufferPointer<Int32>
    let total: UnsafeMutableBufferPointer<Int32>
    private var evenSums: UInt64 = 0
    private var oddSums: UInt64 = 0
    private var nonzero: UInt64 = 0
    private var pending = 0

    init(slots: UnsafeRawPointer, mask: Int, shift: UInt64, stride: Int, floors: UnsafeBufferPointer<Int32>,
         total: UnsafeMutableBufferPointer<Int32>) {
        self.slots = slots
        self.mask = mask
        self.shift = shift
        self.stride = stride
        self.floors = floors
        self.total = total
    }

    private static let lowBytes: UInt64 = 0x00FF_00FF_00FF_00FF
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

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
                if stride == 16 {
                    addPacked(slot)
                } else {
                    for c in 0..<total.count {
                        let cost = slot.load(fromByteOffset: 7 + c, as: UInt8.self)
                        if cost != 0 { total[c] &+= Int32(cost) &- floors[c] }
                    }
                }
                return
            }
            if word & SubsetTable.taken == 0 { return }
            i = (i + 1) & mask
        }
    }

    /// Adds the row of a 16-byte slot: the first cost alone, the other eight in lanes.
    @inline(__always) private mutating func addPacked(_ slot: UnsafeRawPointer) {
        let first = slot.load(fromByteOffset: 7, as: UInt8.self)
        if first != 0 { total[0] &+= Int32(first) &- floors[0] }
        let costs = slot.load(fromByteOffset: 8, as: UInt64.self)
        evenSums &+= costs & Self.lowBytes
        oddSums &+= (costs >> 8) & Self.lowBytes
        // A byte's top bit ends up set when any of its bits is: no carry leaves the byte.
        nonzero &+= (((costs & Self.low7) &+ Self.low7) | costs) >> 7 & Self.ones
        pending += 1
        if pending == 255 { spill() }
    }

    /// Moves the lanes' sums and counts to `total`.
    private mutating func spill() {
        for lane in 0..<min(8, total.count - 1) {
            let sums = lane & 1 == 0 ? evenSums : oddSums
            let sum = Int32(truncatingIfNeeded: (sums >> (16 * UInt64(lane >> 1))) & 0xFFFF)
            let count = Int32(truncatingIfNeeded: (nonzero >> (8 * UInt64(lane))) & 0xFF)
            total[lane + 1] &+= sum &- floors[lane + 1] &* count
        }
        evenSums = 0
        oddSums = 0
        nonzero = 0
        pending = 0
    }

    /// Moves what the lanes hold to `total`: call once the scan is done.
    mutating func finish() {
        if pending > 0 { spill() }
    }
}
