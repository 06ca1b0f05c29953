import Testing
@testable import CorpusCleanStages

/// `LineKeySet` answers as the `HashedWordTable` behind its filter: for the keys it holds, for
/// keys that share a held key's filter bit or upper half, and for keys with 0 or 1 as their upper
/// half (which the table's fingerprints do not tell apart).
@Suite struct LineKeySetTests {
    @Test func answersAsItsTable() {
        var held = UIPhrases.exact.map(UIPhrases.lineKey)
        held += [0x0000_0001_0000_0005, 0x0FFF_0000_0000_0000]
        let set = LineKeySet(keys: held)
        let table = HashedWordTable(keys: held)
        var asked = held
        for key in held {
            asked += [key ^ 1, key ^ 0xFFFF_FFFF, key ^ 1 << 40, key ^ 1 << 52, key ^ 1 << 63]
        }
        asked += [0, 5, 0x0000_0001_0000_0007, 0x0000_0000_0000_0005, 0x0FFF_0000_0000_0001]
        var mixer: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            mixer = mixer &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            asked.append(mixer)
        }
        for key in asked { #expect(set.value(key) == table.value(key), "key \(key)") }
        for key in held where key != 0 { #expect(set.value(key) == 1) }
    }
}
