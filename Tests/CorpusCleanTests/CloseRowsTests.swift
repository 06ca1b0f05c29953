import CTextKit
import Testing
@testable import CorpusCleanStages

/// `ctk_close_rows_add` (SSE2 lane sums, spilled to the totals every 255 rows, for 16-byte
/// slots) and its portable twin against the rule in Swift, on a `SubsetTable` built here: both
/// read the slot layout Swift writes, at every slot size.
@Suite struct CloseRowsTests {
    /// 600 distinct 48-bit keys and as many more that the table does not hold.
    static let keys: [UInt64] = {
        var state: UInt64 = 0x5DEE_CE66_D1CE_4E5B
        var seen = Set<UInt64>()
        var keys: [UInt64] = []
        while keys.count < 1200 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let key = (state >> 11) & 0xFFFF_FFFF_FFFF
            if seen.insert(key).inserted { keys.append(key) }
        }
        return keys
    }()

    /// Row `n`'s cost in column `c`: 255, but 0 in column 8 of every even row (300 zeros, more
    /// than an 8-bit lane counts) and in column n % 8 of every seventh.
    static func cost(_ n: Int, _ c: Int) -> UInt8 {
        (c == 8 && n % 2 == 0) || (n % 7 == 0 && c == n % 8) ? 0 : 255
    }

    /// A hash whose model key is `key`, with bits 32-47 (which the key leaves out) set.
    static func hash(_ key: UInt64) -> UInt64 { (key >> 32) << 48 | 0xA5C3 << 32 | key & 0xFFFF_FFFF }

    /// The totals by the rule: each non-zero cost of a held n-gram less its language's floor,
    /// modulo 2^32.
    static func expected(_ rows: [Int], floors: [Int32], start: [Int32]) -> [Int32] {
        var total = start
        for n in rows where n < 600 {
            for c in total.indices where cost(n, c) != 0 { total[c] &+= Int32(cost(n, c)) &- floors[c] }
        }
        return total
    }

    @Test(arguments: [9, 2, 1, 12]) func addsRowsAsTheRuleDoes(width: Int) {
        let table = SubsetTable(width: width, keys: Array(Self.keys.prefix(600))) { n, row in
            for c in 0..<width { row.storeBytes(of: Self.cost(n, c), toByteOffset: c, as: UInt8.self) }
        }
        #expect(table.stride == (width == 1 ? 8 : width > 9 ? 32 : 16))
        let floors = Array(([0, 1, 255, -7, Int32.max, Int32.min, 100, 3, 42, 9, -255, 2] as [Int32]).prefix(width))
        var native = Array(([5, -3, 0, 1 << 30, -1, 7, 0, 9, 11, 0, 4, -2] as [Int32]).prefix(width))
        var portable = native
        var rule = native
        // Batches holding 600, 254, 255, 256 and 0 rows, with an absent n-gram after every third.
        for (held, from) in [(600, 0), (254, 17), (255, 300), (256, 599), (0, 0)] {
            var rows: [Int] = []
            for k in 0..<held {
                rows.append((from + k * 7) % 600)
                if k % 3 == 2 { rows.append(600 + (from + k) % 600) }
            }
            let hashes = rows.map { Self.hash(Self.keys[$0]) }
            let places = hashes.map { SubsetTable.home(SubsetTable.key($0), shift: table.shift) }
            table.words.withUnsafeBytes { slots in
                let bytes = slots.baseAddress!.assumingMemoryBound(to: UInt8.self)
                ctk_close_rows_add(bytes, table.stride, table.mask, hashes, places, hashes.count, floors, &native,
                                   Int32(width))
                ctk_close_rows_add_portable(bytes, table.stride, table.mask, hashes, places, hashes.count, floors,
                                            &portable, Int32(width))
            }
            rule = Self.expected(rows, floors: floors, start: rule)
            #expect(native == rule, "\(held) rows, width \(width)")
            #expect(portable == rule, "\(held) rows, width \(width)")
        }
    }
}
