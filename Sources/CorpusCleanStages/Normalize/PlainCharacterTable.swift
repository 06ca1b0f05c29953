import CorpusCleanCore
import CTextKit
import Synchronization

/// What `TextCleaner` leaves as it is under a set of options and what keeps a text in their
/// normalization form ("plain"), as the tables of `ctk_plain_span`, which passes over plain
/// text 32 bytes at a time: ASCII other than controls and the bytes the options act on ('&',
/// CR); two- and three-byte characters (U+0080...U+FFFF) that no option acts on and that have
/// class 0 in the form, by two-byte prefix (a two-byte character itself, or the block of 64
/// code points a three-byte lead and its second byte name: most of CJK and Hangul) and, for
/// the blocks with exceptions (kana, CJK punctuation), one bit per code point; lead bytes all
/// of whose characters are plain pass in the vector scan like ASCII.
struct PlainCharacterTable: @unchecked Sendable {
    /// Never freed: there is one table per set of options for the life of the process.
    private let tables: UnsafeMutablePointer<ctk_plain_tables>

    private init(_ options: NormalizeOptions) {
        let quickCheck = NormalizationQuickCheck.of(options.form)
        let bits = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 0x10000 / 64)
        bits.initialize(repeating: 0)
        let blocks = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 64 * 64)
        blocks.initialize(repeating: 0)
        func encoded(_ v: UInt32) -> (lead: UInt8, second: UInt8) {
            v < 0x800 ? (UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F)) : (UInt8(0xE0 | v >> 12), UInt8(0x80 | (v >> 6) & 0x3F))
        }
        var fixes = FixCounts()
        for v in UInt32(0x80)..<0x10000 where !(0xD800...0xDFFF).contains(v) && quickCheck.classOf(v) == 0 {
            let (lead, second) = encoded(v)
            // `TextCleaner.action(for:)` acts only on characters that `mayNeedAction` lets through.
            if TextCleaner.mayNeedAction(lead, second) {
                let scalar = Unicode.Scalar(v)!
                if TextCleaner.isBidiControl(v) || TextCleaner.action(for: scalar, options: options, &fixes) != nil { continue }
            }
            bits[Int(v >> 6)] |= 1 << UInt64(v & 63)
        }
        func isPlain(_ v: UInt32) -> Bool { bits[Int(v >> 6)] >> UInt64(v & 63) & 1 != 0 }
        for lead in UInt8(0xC2)...0xEF {
            for second in UInt8(0x80)...0xBF {
                let v = lead < 0xE0 ? UInt32(lead & 0x1F) << 6 | UInt32(second & 0x3F)
                                    : UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6
                let plain = lead < 0xE0 ? isPlain(v) : bits[Int(v >> 6)] == ~0
                blocks[Self.index(lead, second)] = plain ? 1 : 0
            }
        }
        tables = .allocate(capacity: 1)
        tables.initialize(to: ctk_plain_tables())
        withUnsafeMutableBytes(of: &tables.pointee.ok) { ok in
            for b in 0..<256 { ok[b] = Self.passes(UInt8(b), options, blocks: blocks) ? 1 : 0 }
        }
        tables.pointee.blocks = UnsafePointer(blocks.baseAddress!)
        tables.pointee.bits = UnsafePointer(bits.baseAddress!)
        let ok = withUnsafeBytes(of: tables.pointee.ok) { Array($0) }
        let slotLeads = Self.slotCandidates.filter { lead in
            ok[Int(lead)] == 0 && (UInt8(0x80)...0xBF).contains { blocks[Self.index(lead, $0)] != 0 }
        }.prefix(8)
        withUnsafeMutableBytes(of: &tables.pointee.slot_leads) { slots in
            for (k, lead) in slotLeads.enumerated() { slots[k] = lead }
        }
        let blockSlots = Self.blockSlotCandidates.filter { lead, second in
            let first = UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6
            return blocks[Self.index(lead, second)] == 0 && (first..<(first + 64)).contains(where: isPlain)
        }
        withUnsafeMutableBytes(of: &tables.pointee.block_slot_leads) { leads in
            withUnsafeMutableBytes(of: &tables.pointee.block_slot_seconds) { seconds in
                for (k, block) in blockSlots.prefix(8).enumerated() {
                    leads[k] = block.lead
                    seconds[k] = block.second
                }
            }
        }
        withUnsafeMutableBytes(of: &tables.pointee.more_block_slot_leads) { leads in
            withUnsafeMutableBytes(of: &tables.pointee.more_block_slot_seconds) { seconds in
                for (k, block) in blockSlots.dropFirst(8).prefix(8).enumerated() {
                    leads[k] = block.lead
                    seconds[k] = block.second
                }
            }
        }
        ctk_plain_tables_init(tables)
    }

    /// The slot of the characters that start with `lead` and `second` in the table of blocks
    /// (`blocks` in normalize_scan.c: the same index).
    @inline(__always)
    private static func index(_ lead: UInt8, _ second: UInt8) -> Int {
        Int(lead & 0x3F) << 6 | Int(second & 0x3F)
    }

    /// Leads whose characters are common in text but not all plain (kana and CJK punctuation,
    /// general punctuation, fullwidth forms, Indic scripts, Arabic, Greek, Hebrew...), in the
    /// order they get one of the 8 slots of the vector scan's lookup by second byte.
    private static let slotCandidates: [UInt8] = [0xE3, 0xE2, 0xEF, 0xE0, 0xE1, 0xEA, 0xD8, 0xD9, 0xCE, 0xD7, 0xC2, 0xCF, 0xD6, 0xDB, 0xCC, 0xCD]

    /// Blocks of three-byte characters common in text with plain characters and others (CJK
    /// punctuation, kana, general punctuation, Devanagari, Thai; then Tamil, Bengali, Gurmukhi,
    /// Telugu, Gujarati, Myanmar), in the order they get one of the 16 slots of the vector
    /// scan's lookups by third byte (the second 8 looked up only for what the first leave).
    private static let blockSlotCandidates: [(lead: UInt8, second: UInt8)] = [
        (0xE3, 0x80), (0xE3, 0x82), (0xE2, 0x80), (0xE0, 0xA4), (0xE0, 0xA5), (0xE0, 0xB8), (0xE0, 0xB9), (0xE2, 0x81),
        (0xE0, 0xAE), (0xE0, 0xA6), (0xE0, 0xA8), (0xE0, 0xB0), (0xE0, 0xAA), (0xE1, 0x80), (0xE0, 0xAF), (0xE0, 0xB1),
    ]

    /// Whether the scan passes over byte `b` wherever it stands: ASCII on which the cleaner
    /// does nothing (not a line feed, see `ctk_plain_span`), continuation bytes, and leads all
    /// of whose characters (those that are well-formed UTF-8) are plain.
    private static func passes(_ b: UInt8, _ options: NormalizeOptions, blocks: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        switch b {
        case 0x09, 0x20...0x25, 0x27...0x7E, 0x80...0xBF: return true
        case 0x26: return !options.htmlEntities
        case 0x0D: return !options.lineEndings
        case 0x0A: return false
        case 0x00..<0x20, 0x7F: return !options.removeControls
        case 0xC2...0xEF:
            let seconds: ClosedRange<UInt8> = b == 0xE0 ? 0xA0...0xBF : b == 0xED ? 0x80...0x9F : 0x80...0xBF
            return seconds.allSatisfy { blocks[Self.index(b, $0)] != 0 }
        default: return false
        }
    }

    /// The index of the first byte at or after `start` (a character boundary) that is not
    /// plain, or `src.count`. A line feed is plain unless a space or tab is before it or it is
    /// at `start` (the cleaner trims blanks before line ends).
    @inline(__always)
    func span(_ src: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        ctk_plain_span(src.baseAddress!, start, src.count, tables)
    }

    /// The table of `options`, built at the first call with them.
    static func of(_ options: NormalizeOptions) -> PlainCharacterTable {
        cache.withLock { tables in
            if let table = tables[options] { return table }
            let table = PlainCharacterTable(options)
            tables[options] = table
            return table
        }
    }

    private static let cache = Mutex<[NormalizeOptions: PlainCharacterTable]>([:])
}
