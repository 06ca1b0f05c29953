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

    /// The n-gram's first slot to probe.
    @inline(__always) func locate(_ hash: UInt64) -> Int {
        let home = SubsetTable.home(SubsetTable.key(hash), shift: shift)
        ctk_prefetch(slots + home &* stride)
        return home
    }

    mutating func add(_ hashes: UnsafePointer<UInt64>, at places: UnsafePointer<Int>, count: Int) {
        guard stride == 16 else {
            for j in 0..<count { add(hashes[j], at: places[j]) }
            return
        }
        // The lanes and the first language's sum in locals: as the sink's fields (the sink
        // lives in the scan's state) they were read and written back for every n-gram.
        var even = evenSums, odd = oddSums, counts = nonzero, held = pending
        var firstSum: Int32 = 0, firstCount: Int32 = 0
        let slots = self.slots, mask = self.mask
        for j in 0..<count {
            let key = SubsetTable.key(hashes[j]) | SubsetTable.taken
            var i = places[j]
            while true {
                let slot = slots + i &* 16
                let word = slot.load(as: UInt64.self)
                if word & SubsetTable.keyAndTag == key {
                    // The first cost is the word's byte 7.
                    let first = Int32(truncatingIfNeeded: UInt64(littleEndian: word) >> 56)
                    firstSum &+= first
                    firstCount &+= first != 0 ? 1 : 0
                    let costs = slot.load(fromByteOffset: 8, as: UInt64.self)
                    even &+= costs & Self.lowBytes
                    odd &+= (costs >> 8) & Self.lowBytes
                    // A byte's top bit ends up set when any of its bits is: no carry leaves the byte.
                    counts &+= (((costs & Self.low7) &+ Self.low7) | costs) >> 7 & Self.ones
                    held &+= 1
                    if held == 255 {
                        (evenSums, oddSums, nonzero, pending) = (even, odd, counts, held)
                        spill()
                        (even, odd, counts, held) = (0, 0, 0, 0)
                    }
                    break
                }
                if word & SubsetTable.taken == 0 { break }
                i = (i &+ 1) & mask
            }
        }
        (evenSums, oddSums, nonzero, pending) = (even, odd, counts, held)
        total[0] &+= firstSum &- floors[0] &* firstCount
    }

    /// Adds the row of the n-gram of `hash` whose first slot to probe is `home`, a cost at a time.
    @inline(__always) private mutating func add(_ hash: UInt64, at home: Int) {
        let key = SubsetTable.key(hash) | SubsetTable.taken
        var i = home
        while true {
            let slot = slots + i &* stride
            let word = slot.load(as: UInt64.self)
            if word & SubsetTable.keyAndTag == key {
                for c in 0..<total.count {
                    let cost = slot.load(fromByteOffset: 7 + c, as: UInt8.self)
                    if cost != 0 { total[c] &+= Int32(cost) &- floors[c] }
                }
                return
            }
            if word & SubsetTable.taken == 0 { return }
            i = (i &+ 1) & mask
        }
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
