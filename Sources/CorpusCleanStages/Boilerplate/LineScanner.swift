import CorpusCleanCore
import CTextKit

/// Splits a text into lines and measures them in one pass over the UTF-8 bytes
/// (`ctk_line_scan`, in C: no String per line or token, and the kind of a non-ASCII scalar from
/// `ScalarKindTable`).
struct LineScanner {
    var lines: [LineFeatures]
    /// Language bit sets of the stopword tokens, line after line (`LineFeatures.stopwords`).
    var masks: [UInt32]

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        let count = ctk_line_count(bytes.baseAddress, n)
        let measured = UnsafeMutablePointer<ctk_line>.allocate(capacity: count)
        defer { measured.deallocate() }
        // A token takes a byte and a separator: at most n / 2 + 1 of them.
        masks = [UInt32](unsafeUninitializedCapacity: n / 2 + 2) { masks, maskCount in
            maskCount = LineScanTables.shared.withTables { ctk_line_scan(bytes.baseAddress, n, $0, measured, masks.baseAddress) }
        }
        lines = [LineFeatures](unsafeUninitializedCapacity: count) { lines, initialized in
            for k in 0..<count { (lines.baseAddress! + k).initialize(to: LineFeatures(measured[k])) }
            initialized = count
        }
    }

    /// Adds `count` letters of `script` to a short list of (script, letters).
    @inline(__always)
    static func tally(_ scripts: inout [(script: Int32, letters: Int)], _ script: Int32, _ count: Int) {
        guard count > 0 else { return }
        if let at = scripts.firstIndex(where: { $0.0 == script }) { scripts[at].1 += count } else { scripts.append((script, count)) }
    }

    /// Whether a non-ASCII scalar is a letter and of which script (kana count as Han), or a
    /// digit or mark that continues a word: the common blocks by their ranges, the rest from
    /// the scalar's properties. The scan asks `ScalarKindTable`, built from this once.
    static func kindWithoutTable(_ v: UInt32) -> (isLetter: Bool, script: Int32, joinsWord: Bool, isDigit: Bool) {
        // The cases are tested one after another: Cyrillic, the most frequent non-Latin block of
        // two-byte letters, first (the ranges are disjoint but for × and ÷ inside Latin).
        switch v {
        case 0x400...0x481, 0x48A...0x4FF: return (true, 8, false, false)
        case 0xD7, 0xF7: return (false, 0, false, false)
        case 0xC0...0x24F: return (true, 25, false, false)
        case 0x2000...0x206F, 0x20A0...0x20CF, 0x2100...0x2BFF, 0x3000...0x303F, 0xFF00...0xFF0F, 0xFF1A...0xFF20:
            return (false, 0, false, false)
        case 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF: return (true, 17, false, false)
        case 0xAC00...0xD7A3: return (true, 18, false, false) // Hangul syllables
        case 0x0621...0x063A, 0x0641...0x064A: return (true, 2, false, false) // Arabic letters
        case 0x05D0...0x05EA: return (true, 19, false, false) // Hebrew letters
        case 0x0386, 0x0388...0x03CE: return (true, 14, false, false) // Greek letters (and 0x3A2, unassigned)
        default: return kindFromProperties(v)
        }
    }

    /// `kindWithoutTable(_:)` from the scalar's Unicode properties.
    /// On its own because their resilient types make a function look up type metadata on
    /// entry, which `kindWithoutTable(_:)`'s common blocks would otherwise pay for every scalar.
    @inline(never)
    static func kindFromProperties(_ v: UInt32) -> (isLetter: Bool, script: Int32, joinsWord: Bool, isDigit: Bool) {
        guard let scalar = Unicode.Scalar(v) else { return (false, 0, false, false) }
        let properties = scalar.properties
        if properties.isAlphabetic {
            let s = Script.code(of: scalar)
            return (true, s == 20 || s == 22 ? 17 : s, false, false)
        }
        switch properties.generalCategory {
        case .decimalNumber: return (false, 0, true, true)
        case .nonspacingMark, .spacingMark: return (false, 0, true, false)
        default: return (false, 0, false, false)
        }
    }

    /// Stopword hits of `line` in the language of `bit`.
    func hits(_ line: Int, _ bit: Int) -> Int {
        let range = lines[line].stopwords
        return masks.withUnsafeBufferPointer { masks in
            var count: UInt32 = 0
            for k in range { count &+= (masks[k] >> UInt32(bit)) & 1 }
            return Int(count)
        }
    }

    /// Stopword hits per language over the whole text.
    var totals: [Int] {
        // One pass over the masks, visiting only their set bits: a stopword is in one to three
        // lists, against one pass per language over every mask.
        var counts = [Int](repeating: 0, count: Stopwords.languages.count)
        counts.withUnsafeMutableBufferPointer { counts in
            masks.withUnsafeBufferPointer { masks in
                for mask in masks {
                    var m = mask
                    while m != 0 {
                        counts[m.trailingZeroBitCount] &+= 1
                        m &= m &- 1
                    }
                }
            }
        }
        return counts
    }
}
