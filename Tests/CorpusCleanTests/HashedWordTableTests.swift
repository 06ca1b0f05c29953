import Testing
@testable import CorpusCleanStages

/// `HashedWordTable.filteredValue` answers as `value`, the lookup without the filter, with the
/// filter of `UIPhrases.exactKeys` (2^12 bits) and the default one (2^16): for the keys the
/// table holds, for keys that share a held key's filter bit or upper half, and for keys with 0
/// or 1 as their upper half (which the table's fingerprints do not tell apart).
@Suite struct HashedWordTableTests {
    @Test func theFilteredLookupAnswersAsTheTable() {
        var held = UIPhrases.exact.map(UIPhrases.lineKey)
        held += [0x0000_0001_0000_0005, 0x0FFF_0000_0000_0000]
        var asked = held
        for key in held {
            asked += [key ^ 1, key ^ 0xFFFF_FFFF, key ^ 1 << 40, key ^ 1 << 48, key ^ 1 << 52, key ^ 1 << 63]
        }
        asked += [0, 5, 0x0000_0001_0000_0007, 0x0000_0000_0000_0005, 0x0FFF_0000_0000_0001]
        var mixer: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            mixer = mixer &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            asked.append(mixer)
        }
        for filterBits in [12, 16] {
            let table = HashedWordTable(keys: held, filterBits: filterBits)
            var filteredOut = 0
            for key in asked {
                #expect(table.filteredValue(key) == table.value(key), "key \(key), \(filterBits) bits")
                let bit = Int(truncatingIfNeeded: key >> UInt64(64 - filterBits))
                filteredOut += table.filter[bit >> 6] >> UInt64(bit & 63) & 1 == 0 ? 1 : 0
            }
            for key in held where key != 0 { #expect(table.filteredValue(key) == 1) }
            // The filter does turn keys away without a read of the slots.
            #expect(filteredOut > 10_000)
        }
    }

    /// The table is filled in the order given: the same layout in every process, and a key given
    /// before the keys it collides with sits in its home slot. For `Stopwords.table`, each list's
    /// words, rank by rank across the lists, are in their home slots unless a word ranked before
    /// holds it (the scan's vector lookup decides a token from its home slot; with a `Dictionary`'s
    /// order, one test process had "to", "this", "no", "в", "na" and 70 other list words past it).
    @Test func theKeysGivenFirstSitInTheirHomeSlots() {
        let table = Stopwords.table
        func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key >> 7) & table.mask }
        func slot(of key: UInt64) -> Int {
            let tag = max(1, key >> 32)
            var i = home(key)
            while table.slots[i] != 0 && table.slots[i] >> 32 != tag { i = (i + 1) & table.mask }
            return i
        }
        let lists = Stopwords.languages.map { Stopwords.lists[$0]!.split(separator: " ") }
        var held = Set<Int>()
        var away: [String] = []
        for rank in 0..<lists.map(\.count).max()! {
            for list in lists where rank < list.count {
                let key = TokenHash.hash(list[rank])
                let i = slot(of: key)
                #expect(table.slots[i] != 0, "\(list[rank]) held")
                if i != home(key) && !held.contains(home(key)) { away.append(String(list[rank])) }
                held.insert(i)
            }
        }
        #expect(away == [])
        // Two keys with one home slot: the one given first sits there, whichever it is.
        let a: UInt64 = 0x1234_5678_0000_0080, b: UInt64 = 0x8765_4321_0000_0080
        for (first, second) in [(a, b), (b, a)] {
            let pair = HashedWordTable(keys: [first, second])
            #expect(pair.slots[Int(truncatingIfNeeded: first >> 7) & pair.mask] >> 32 == first >> 32)
            #expect(pair.value(first) == 1 && pair.value(second) == 1)
        }
    }
}
