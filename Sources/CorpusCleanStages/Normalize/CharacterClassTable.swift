import CorpusCleanCore
import CTextKit

/// ICU's general category and Alphabetic property of the Basic Multilingual Plane, read once
/// into a table (64 KiB) so that the mojibake repair asks ICU per character only above it.
enum CharacterClassTable {
    /// ICU's general category of `v` (see `ctk_char_category`: 0 unassigned, 1...5 letters,
    /// 6...8 marks, 15 control, 17 private use, 18 surrogate...).
    @inline(__always)
    static func category(_ v: UInt32) -> Int32 {
        v < 0x10000 ? Int32(table[Int(v)] & 0x1F) : ctk_char_category(v)
    }

    /// Whether `v` has the Alphabetic property.
    @inline(__always)
    static func isAlphabetic(_ v: UInt32) -> Bool {
        v < 0x10000 ? table[Int(v)] & 0x80 != 0 : ctk_is_alphabetic(v) != 0
    }

    /// `category` and `isAlphabetic` of `v` from `bmp`, the table read once by a hot loop
    /// (`bmp`: this type's table of the Basic Multilingual Plane).
    @inline(__always)
    static func properties(_ v: UInt32, bmp: UnsafeBufferPointer<UInt8>) -> (category: Int32, alphabetic: Bool) {
        guard v < 0x10000 else { return (ctk_char_category(v), ctk_is_alphabetic(v) != 0) }
        let entry = bmp[Int(v)]
        return (Int32(entry & 0x1F), entry & 0x80 != 0)
    }

    /// Runs `body` with the table of the Basic Multilingual Plane, for `properties`.
    static func withTable<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        table.withUnsafeBufferPointer(body)
    }

    /// Bits 0...4 the category, bit 7 Alphabetic.
    private static let table: [UInt8] = (0..<0x10000).map { v in
        UInt8(ctk_char_category(UInt32(v)) & 0x1F) | (ctk_is_alphabetic(UInt32(v)) != 0 ? 0x80 : 0)
    }
}
