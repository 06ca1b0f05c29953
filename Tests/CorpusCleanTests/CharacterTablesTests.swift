import Foundation
import Testing
@testable import CorpusCleanStages

/// The BMP tables compiled into the binary (Sources/CTextKit/character_tables.bin) say of every
/// code point what its Unicode properties say in this toolchain. With
/// CORPUSCLEAN_WRITE_CHARACTER_TABLES set to a path, the test first writes the tables worked
/// out from the properties there (scripts/generate-character-tables.sh).
@Suite struct CharacterTablesTests {
    @Test func shippedTablesAreTheProperties() throws {
        if let path = ProcessInfo.processInfo.environment["CORPUSCLEAN_WRITE_CHARACTER_TABLES"] {
            try Data(CharacterTables.computed()).write(to: URL(fileURLWithPath: path))
        }
        let shipped = CharacterTables.shipped
        var differing: [String] = []
        for v in 0..<UInt32(0x10000) {
            let (entry, lower) = WordCharacterTable.computedEntry(v)
            let kind = ScalarKindTable.entry(v)
            if shipped.wordEntries[Int(v)] != entry || shipped.lowercase[Int(v)] != lower || shipped.kinds[Int(v)] != kind {
                differing.append(String(v, radix: 16, uppercase: true))
            }
        }
        #expect(differing.isEmpty, "code points whose shipped tables differ: \(differing.prefix(20))")
    }

    /// The file format round-trips: unpacking `computed()` gives back each code point's entries.
    @Test func computedFileUnpacks() throws {
        let file = CharacterTables.computed()
        let tables = try #require(file.withUnsafeBytes { CharacterTables(file: $0) })
        for v in [0x41, 0xC9, 0x3A3, 0x416, 0x915, 0xE01, 0x3042, 0x4E2D, 0xAC00, 0xFF21, 0xFFFF] {
            let (entry, lower) = WordCharacterTable.computedEntry(UInt32(v))
            #expect(tables.wordEntries[v] == entry && tables.lowercase[v] == lower && tables.kinds[v] == ScalarKindTable.entry(UInt32(v)))
        }
        #expect(file.count < 200_000)
    }
}
