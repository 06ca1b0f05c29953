import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The dedup index's hash table against a Dictionary: the same answers through every growth,
/// for keys that differ only in their low bits (band keys keep the band there) too.
@Suite struct EntryTableTests {
    @Test func answersAsADictionaryThroughEveryGrowth() {
        var table = EntryTable()
        var reference: [UInt64: Int32] = [:]
        var rng = SplitMix(seed: 3)
        for entry in 0..<Int32(50_000) {
            let key = entry % 3 == 0 ? UInt64(entry) & 0x3FF : rng.next()
            if table[key] == nil { table[key] = entry }
            if reference[key] == nil { reference[key] = entry }
            if entry % 7 == 0 {
                table[key] = entry
                reference[key] = entry
            }
        }
        #expect(table.count == reference.count)
        for (key, entry) in reference { #expect(table[key] == entry) }
        #expect(table[0xDEAD_BEEF_0000_0001] == nil)
        #expect(table.sortedByKey().map(\.key) == reference.keys.sorted())
        #expect(4 * table.count <= 3 * table.capacity)
        #expect(table.capacity < 4 * table.count)
    }

    /// Band keys as the index uses them: 25 looked up together (`find`), then set to the next
    /// entry from the slots found (`exchange`), through every growth, answering as a Dictionary.
    @Test func looksUpAndSetsKeysTogetherAsOneByOne() {
        var table = EntryTable()
        var reference: [UInt64: Int32] = [:]
        var rng = SplitMix(seed: 5)
        let bands = 25
        var found = [Int32](repeating: 0, count: bands), previous = found
        var slots = [Int64](repeating: 0, count: bands)
        for entry in 0..<Int32(8_000) {
            // A third of the keys seen before (hash high bits from a small pool), the band in the low bits.
            let keys = (0..<bands).map { band in
                (rng.next() % 3 == 0 ? (rng.next() % 500) << 10 : rng.next() & ~0x3FF) | UInt64(band)
            }
            keys.withUnsafeBufferPointer { query in
                table.find(query, found: &found, slots: &slots)
                let hinted = entry % 5 != 0
                slots.withUnsafeBufferPointer { table.exchange(query, entry, slots: hinted ? $0.baseAddress : nil, previous: &previous) }
            }
            for (band, key) in keys.enumerated() {
                #expect(found[band] == reference[key] ?? -1)
                #expect(previous[band] == found[band])
                reference[key] = entry
            }
        }
        #expect(table.count == reference.count)
        #expect(table.sortedByKey().map(\.key) == reference.keys.sorted())
        for (key, entry) in reference { #expect(table[key] == entry) }
        #expect(4 * table.count <= 3 * table.capacity)
    }
}
