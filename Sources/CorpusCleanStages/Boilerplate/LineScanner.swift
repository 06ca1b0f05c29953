import CorpusCleanCore
import CTextKit

/// Splits a text into lines and measures them in one pass over the UTF-8 bytes
/// (`ctk_line_scan_reusing`, in C: no String per line or token, and the kind of a non-ASCII scalar from
/// `ScalarKindTable`).
struct LineScanner {
    var lines: [LineFeatures]
    /// Language bit sets of the stopword tokens, line after line (`LineFeatures.stopwords`).
    var masks: [UInt32]

    /// With `scratch`, the arrays are the thread's (`PageScratch`), refilled.
    init(_ bytes: UnsafeBufferPointer<UInt8>, reusing scratch: PageScratch? = nil) {
        // The scan writes into buffers its thread keeps (no count of the lines first, no
        // allocation a document); the arrays are copies of them (`Array(repeating:)` and
        // `Array(unsafeUninitializedCapacity:)` would look up their storage's metadata at run time).
        precondition(MemoryLayout<LineFeatures>.stride == MemoryLayout<ctk_line>.stride)
        var measured: UnsafePointer<ctk_line>?
        var count = 0
        var found: UnsafePointer<UInt32>?
        let maskCount = LineScanTables.shared.withTables {
            ctk_line_scan_reusing(bytes.baseAddress, bytes.count, $0, &measured, &count, &found)
        }
        let measuredMasks = UnsafeBufferPointer(start: found, count: maskCount)
        lines = UnsafeRawPointer(measured!).withMemoryRebound(to: LineFeatures.self, capacity: count) {
            let measuredLines = UnsafeBufferPointer(start: $0, count: count)
            return scratch.map { PageScratch.take(&$0.lines, copying: measuredLines) } ?? Array(measuredLines)
        }
        masks = scratch.map { PageScratch.take(&$0.masks, copying: measuredMasks) } ?? Array(measuredMasks)
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
        var counts = Array(repeatElement(0, count: Stopwords.languages.count))
        counts.withUnsafeMutableBufferPointer { addTotals(to: $0) }
        return counts
    }

    /// Adds the stopword hits per language over the whole text to `counts` (one counter a
    /// language, at most 28: `Stopwords.languageBits`).
    func addTotals(to counts: UnsafeMutableBufferPointer<Int>) {
        // Each byte of a mask adds its eight bits to eight byte-wide counters at once (a table of
        // 256): three adds a mask for up to 24 languages, four past that, and no branch, where a
        // loop over its set bits mispredicts. A byte-wide counter holds 255: the counters go to
        // `counts` after each 255 masks.
        let fourthByte = counts.count > 24
        func add(_ a: UInt64, _ k: Int) {
            for b in 0..<8 where 8 * k + b < counts.count { counts[8 * k + b] += Int((a >> (8 * b)) & 0xFF) }
        }
        Self.byteCounters.withUnsafeBufferPointer { spread in
            masks.withUnsafeBufferPointer { masks in
                var from = 0
                while from < masks.count {
                    let to = min(masks.count, from + 255)
                    var a0: UInt64 = 0, a1: UInt64 = 0, a2: UInt64 = 0, a3: UInt64 = 0
                    for mask in masks[from..<to] {
                        a0 &+= spread[Int(mask & 0xFF)]
                        a1 &+= spread[Int((mask >> 8) & 0xFF)]
                        a2 &+= spread[Int((mask >> 16) & 0xFF)]
                        if fourthByte { a3 &+= spread[Int(mask >> 24)] }
                    }
                    add(a0, 0)
                    add(a1, 1)
                    add(a2, 2)
                    add(a3, 3)
                    from = to
                }
            }
        }
    }

    /// For each byte, its eight bits as eight bytes of 0 or 1 (bit k to byte k).
    private static let byteCounters: [UInt64] = (0..<256).map { n in
        (0..<8).reduce(0) { $0 | UInt64((n >> $1) & 1) << (8 * $1) }
    }
}
