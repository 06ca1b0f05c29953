import CorpusCleanCore
/// `LineScanner.kindWithoutTable(_:)` of every code point of the Basic Multilingual Plane
/// (`CharacterTables`, generated from `entry(_:)`), so that the scan looks each scalar up with one load instead of
/// a chain of range tests and, outside the common blocks, `Unicode.Scalar.Properties` (a trie
/// walk per scalar) for the scripts users feed it: Devanagari, Thai, full-width forms and the rest.
struct ScalarKindTable: @unchecked Sendable {
    static let shared = ScalarKindTable()

    /// Per BMP code point: the script in the low 12 bits, then `letterBit`, `joinsWordBit`,
    /// `digitBit` (the layout `ctk_line_tables.kinds` reads).
    let entries: UnsafeMutablePointer<UInt16>
    private static let letterBit: UInt16 = 1 << 12
    private static let joinsWordBit: UInt16 = 1 << 13
    private static let digitBit: UInt16 = 1 << 14
    static let bmp: UInt32 = 0x10000

    private init() {
        entries = CharacterTables.shipped.kinds
    }

    /// The entry of code point `v`, worked out from `LineScanner.kindWithoutTable(_:)`.
    static func entry(_ v: UInt32) -> UInt16 {
        let kind = LineScanner.kindWithoutTable(v)
        precondition(kind.script >= 0 && kind.script < 1 << 12, "a script code past 12 bits")
        return UInt16(kind.script) | (kind.isLetter ? letterBit : 0) | (kind.joinsWord ? joinsWordBit : 0)
            | (kind.isDigit ? digitBit : 0)
    }

    /// The kind of code point `v` (past the BMP, from its properties).
    @inline(__always)
    func kind(_ v: UInt32) -> (isLetter: Bool, script: Int32, joinsWord: Bool, isDigit: Bool) {
        guard v < Self.bmp else { return LineScanner.kindWithoutTable(v) }
        let e = entries[Int(v)]
        return (e & Self.letterBit != 0, Int32(e & 0xFFF), e & Self.joinsWordBit != 0, e & Self.digitBit != 0)
    }
}
