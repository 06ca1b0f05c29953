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
}
