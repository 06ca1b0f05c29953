import CorpusCleanCore
import CTextKit

/// `WordCharacterTable` in the form of `ctk_shingle_tables`, for the C pass of the shingler
/// (`ctk_shingle_scan`): a class byte and a lowercase per BMP code point, built once per process,
/// and a callback into the table for the code points they do not answer.
struct ShinglerTables: @unchecked Sendable {
    static let shared = ShinglerTables()

    let tables: ctk_shingle_tables

    private init() {
        let bmp = 0x10000
        let classes = UnsafeMutablePointer<UInt8>.allocate(capacity: bmp)
        let lower = UnsafeMutablePointer<UInt16>.allocate(capacity: bmp)
        let leads = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        leads.initialize(repeating: 0, count: 256)
        for b in [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20] + Array(0xF0...0xFF) { leads[b] = 1 }
        // From the BMP table directly: its lowercase is there exactly when it is one BMP scalar.
        let table = WordCharacterTable.shared
        for v in 0..<UInt32(bmp) {
            var cls = ShinglerTables.classByte(v)
            lower[Int(v)] = 0
            if table.role(v) == .upper {
                if let single = table.lowercase(of: v) { lower[Int(v)] = UInt16(single) } else { cls |= UInt8(CTK_CLASS_SLOW_LOWERCASE) }
            }
            classes[Int(v)] = cls
            if cls & UInt8(CTK_CLASS_SPACE) != 0, v >= 0x80 { leads[Int(v < 0x800 ? 0xC0 | v >> 6 : 0xE0 | v >> 12)] = 1 }
        }
        tables = ctk_shingle_tables(classes: classes, lower: lower, space_leads: leads) { v, lowerOut, lowerCount in
            var count: Int32 = 0
            let cls = ShinglerTables.classByte(v)
            if WordCharacterTable.shared.role(v) == .upper {
                WordCharacterTable.shared.lowercased(v) { scalar in
                    if count < CTK_LOWERCASE_MAX { lowerOut?[Int(count)] = scalar }
                    count += 1
                }
            }
            lowerCount?.pointee = min(count, CTK_LOWERCASE_MAX)
            return cls
        }
    }

    /// The class byte of code point `v`: its role and `CTK_CLASS_SPACE`.
    private static func classByte(_ v: UInt32) -> UInt8 {
        let table = WordCharacterTable.shared
        let role = table.role(v)
        let space = table.isWhitespace(v)
        // The pass takes white space for the end of a token.
        precondition(!space || role == .separator, "white space U+\(String(v, radix: 16)) is not a separator")
        return role.rawValue | (space ? UInt8(CTK_CLASS_SPACE) : 0)
    }
}
