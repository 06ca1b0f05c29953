import CorpusCleanCore
import CTextKit

/// The per-code-point tables of the Basic Multilingual Plane that `WordCharacterTable` and
/// `ScalarKindTable` answer from, read from Sources/CTextKit/character_tables.bin (compiled
/// into the binary) instead of asking `Unicode.Scalar.Properties` and ICU for 65,536 code
/// points at start-up (160 M instructions, where unpacking the file takes 60 thousand). scripts/generate-character-tables.sh writes the file from `computed()`, and a
/// test checks that the shipped file is what `computed()` gives in this toolchain.
///
/// The file: `CCCHART1`, a little-endian UInt32 count of blocks, 256 little-endian UInt16
/// block numbers (one per 256 code points), then the blocks. A block holds, for its 256 code
/// points, the `WordCharacterTable` entry bytes, then the lowercase UInt16s, then the
/// `ScalarKindTable` UInt16s; blocks that are alike are stored once.
struct CharacterTables: @unchecked Sendable {
    /// Per BMP code point: `WordCharacterTable`'s entry byte.
    let wordEntries: UnsafeMutablePointer<UInt8>
    /// Per BMP code point: `WordCharacterTable`'s lowercase.
    let lowercase: UnsafeMutablePointer<UInt16>
    /// Per BMP code point: `ScalarKindTable`'s entry.
    let kinds: UnsafeMutablePointer<UInt16>

    /// The tables compiled into the binary, unpacked once per process and never freed.
    static let shipped: CharacterTables = {
        var length = 0
        let bytes = ctk_character_tables(&length)!
        guard let tables = CharacterTables(file: UnsafeRawBufferPointer(start: bytes, count: length)) else {
            preconditionFailure("Sources/CTextKit/character_tables.bin is not a tables file")
        }
        return tables
    }()

    private static let magic = Array("CCCHART1".utf8)
    private static let blockSize = 256
    private static let blockBytes = blockSize * 5

    /// Unpacks `file`; nil when it is not a tables file.
    init?(file: UnsafeRawBufferPointer) {
        let header = Self.magic.count + 4 + 2 * Self.blockSize
        guard file.count >= header, Array(file[0..<Self.magic.count]) == Self.magic else { return nil }
        let blocks = Int(UInt32(littleEndian: file.loadUnaligned(fromByteOffset: Self.magic.count, as: UInt32.self)))
        guard file.count == header + blocks * Self.blockBytes else { return nil }
        let bmp = Self.blockSize * Self.blockSize
        wordEntries = .allocate(capacity: bmp)
        lowercase = .allocate(capacity: bmp)
        kinds = .allocate(capacity: bmp)
        for b in 0..<Self.blockSize {
            let n = Int(UInt16(littleEndian: file.loadUnaligned(fromByteOffset: Self.magic.count + 4 + 2 * b, as: UInt16.self)))
            guard n < blocks else { return nil }
            let block = file.baseAddress! + header + n * Self.blockBytes
            let at = b * Self.blockSize
            UnsafeMutableRawPointer(wordEntries + at).copyMemory(from: block, byteCount: Self.blockSize)
            for i in 0..<Self.blockSize {
                lowercase[at + i] = UInt16(littleEndian: block.loadUnaligned(fromByteOffset: Self.blockSize + 2 * i, as: UInt16.self))
                kinds[at + i] = UInt16(littleEndian: block.loadUnaligned(fromByteOffset: 3 * Self.blockSize + 2 * i, as: UInt16.self))
            }
        }
    }

    /// The file's bytes, worked out from the code points' properties: what
    /// `WordCharacterTable.computedEntry(_:)` and `ScalarKindTable.entry(_:)` say of each.
    static func computed() -> [UInt8] {
        var blocks: [[UInt8]] = []
        var numbers: [[UInt8]: Int] = [:]
        var index: [UInt8] = []
        for b in 0..<UInt32(blockSize) {
            var entries: [UInt8] = [], lowers: [UInt8] = [], kinds: [UInt8] = []
            for v in b * UInt32(blockSize)..<(b + 1) * UInt32(blockSize) {
                let (entry, lower) = WordCharacterTable.computedEntry(v)
                entries.append(entry)
                lowers += [UInt8(lower & 0xFF), UInt8(lower >> 8)]
                let kind = ScalarKindTable.entry(v)
                kinds += [UInt8(kind & 0xFF), UInt8(kind >> 8)]
            }
            let block = entries + lowers + kinds
            let n = numbers[block] ?? blocks.count
            if n == blocks.count {
                numbers[block] = n
                blocks.append(block)
            }
            index += [UInt8(n & 0xFF), UInt8(n >> 8)]
        }
        let count = UInt32(blocks.count)
        return magic + (0..<4).map { UInt8(truncatingIfNeeded: count >> (8 * $0)) } + index + blocks.flatMap { $0 }
    }
}
