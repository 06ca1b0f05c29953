/// The characters `TextCleaner` leaves as they are and that have class 0 in the normalization
/// form ("plain"), for two- and three-byte UTF-8 (U+0080...U+FFFF): by two-byte prefix (a
/// two-byte character itself, or the block of 64 code points a three-byte lead and its second
/// byte name: most of CJK and Hangul) and, for the blocks with exceptions (kana, CJK
/// punctuation), one bit per code point. Both fit in the first-level cache (4 KB and 8 KB),
/// where the form's class table (192 KB) does not.
struct PlainCharacterTable: @unchecked Sendable {
    /// Never freed: there is one table per form for the life of the process.
    private let blocks: UnsafeMutableBufferPointer<Bool>
    private let bits: UnsafeMutableBufferPointer<UInt64>

    private init(_ quickCheck: NormalizationQuickCheck) {
        bits = .allocate(capacity: 0x10000 / 64)
        bits.initialize(repeating: 0)
        blocks = .allocate(capacity: 64 * 64)
        blocks.initialize(repeating: false)
        for v in UInt32(0x80)..<0x10000 where !(0xD800...0xDFFF).contains(v) {
            let lead: UInt8, second: UInt8
            if v < 0x800 {
                lead = UInt8(0xC0 | v >> 6)
                second = UInt8(0x80 | v & 0x3F)
            } else {
                lead = UInt8(0xE0 | v >> 12)
                second = UInt8(0x80 | (v >> 6) & 0x3F)
            }
            if !TextCleaner.mayNeedAction(lead, second) && quickCheck.classOf(v) == 0 {
                bits[Int(v >> 6)] |= 1 << UInt64(v & 63)
            }
        }
        for lead in UInt8(0xC2)...0xEF {
            for second in UInt8(0x80)...0xBF {
                let v = lead < 0xE0 ? UInt32(lead & 0x1F) << 6 | UInt32(second & 0x3F)
                                    : UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6
                blocks[Self.index(lead, second)] = lead < 0xE0 ? isPlain(v) : bits[Int(v >> 6)] == ~0
            }
        }
    }

    @inline(__always)
    private static func index(_ lead: UInt8, _ second: UInt8) -> Int {
        Int(lead & 0x3F) << 6 | Int(second & 0x3F)
    }

    /// Whether every character that starts with `lead` (0xC0 or more) and `second` is plain.
    @inline(__always)
    func isPlainBlock(_ lead: UInt8, _ second: UInt8) -> Bool {
        blocks[Self.index(lead, second)]
    }

    /// Whether code point `v` (below U+10000) is plain.
    @inline(__always)
    func isPlain(_ v: UInt32) -> Bool {
        bits[Int(v >> 6)] >> UInt64(v & 63) & 1 != 0
    }

    /// The table of `form` (the tables of all forms are built at the first call).
    static func of(_ form: NormalizationForm) -> PlainCharacterTable {
        tables[form]!
    }

    private static let tables = Dictionary(uniqueKeysWithValues: NormalizationForm.allCases.map {
        ($0, PlainCharacterTable(.of($0)))
    })
}
