/// One pass over the UTF-8 bytes of a text that removes controls and invisible format
/// characters, folds spaces and line ends, decodes HTML entities and trims line ends.
/// Printable ASCII is skipped eight bytes at a time; scalars are decoded only for the lead
/// bytes that can start a character of interest. Each fix is counted in the report under a
/// stable key.
struct TextCleaner: Sendable {
    let options: NormalizeOptions

    /// The cleaned text and whether the text holds anything but ASCII.
    func clean(_ text: String, report: inout StageReport) -> (text: String, nonASCII: Bool) {
        var text = text
        let (bytes, nonASCII) = text.withUTF8 { clean($0, report: &report) }
        guard let bytes else { return (text, nonASCII) }
        return (String(decoding: bytes, as: UTF8.self), nonASCII)
    }

    /// The cleaned bytes (nil when nothing changed) and whether a byte >= 0x80 was seen.
    func clean(_ src: UnsafeBufferPointer<UInt8>, report: inout StageReport) -> ([UInt8]?, Bool) {
        var editor = ByteEditor(src)
        var nonASCII = false
        var rtl: Bool?
        // Source index right after a "&#13;" turned into a line end: a line feed there is its pair.
        var crEnd = -1
        let n = src.count
        var i = 0
        while i < n {
            if i + 8 <= n, TextCleaner.isPlainASCII8(UnsafeRawPointer(src.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let b = src[i]
            if b >= 0x20 && b < 0x7F && b != 0x26 {
                i += 1
                continue
            }
            switch b {
            case 0x0A where i == crEnd:
                editor.drop(i..<(i + 1))
                i += 1
            case 0x0A:
                trimBlanks(before: i, &editor, &report)
                i += 1
            case 0x0D:
                guard options.lineEndings else {
                    i += 1
                    continue
                }
                trimBlanks(before: i, &editor, &report)
                if i + 1 < n, src[i + 1] == 0x0A {
                    report.count("crlf")
                    editor.drop(i..<(i + 1))
                    i += 2
                } else {
                    report.count("cr")
                    editor.replace(i..<(i + 1), with: "\n")
                    i += 1
                }
            case 0x26:
                if options.htmlEntities, let (scalar, length) = HTMLEntities.decode(src, at: i) {
                    report.count("html_entity")
                    editor.drop(i..<(i + length))
                    if !(scalar == "\n" && i == crEnd) {
                        emitDecoded(scalar, at: i + length, &editor, &report)
                    }
                    i += length
                    if scalar == "\r" && options.lineEndings { crEnd = i }
                } else {
                    i += 1
                }
            case 0x1B where options.removeControls:
                let end = TextCleaner.skipEscapeSequence(src, from: i)
                report.count("terminal_escape")
                editor.drop(i..<end)
                i = end
            case 0x00..<0x20, 0x7F:
                if options.removeControls && b != 0x09 {
                    report.count("control")
                    editor.drop(i..<(i + 1))
                }
                i += 1
            default:
                nonASCII = true
                let length = TextCleaner.sequenceLength(b)
                // Only these lead bytes start a character the cleaner changes (C1, NBSP, soft
                // hyphen; U+1680, U+180E; U+2000...U+206F; U+3000; U+FEFF, U+FFF9...).
                if b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3 || b == 0xEF, i + length <= n {
                    let scalar = TextCleaner.decodeScalar(src, at: i, length: length)
                    if TextCleaner.isBidiControl(scalar.value) {
                        if rtl == nil { rtl = TextCleaner.hasRightToLeftLetters(src) }
                        if rtl == true {
                            i += length
                            continue
                        }
                    }
                    if let action = action(for: scalar, &report) {
                        if let replacement = action {
                            editor.replace(i..<(i + length), with: replacement)
                        } else {
                            editor.drop(i..<(i + length))
                        }
                    }
                }
                i += length
            }
        }
        trimBlanks(before: n, &editor, &report)
        return (editor.finish(), nonASCII)
    }

    /// What to do with a non-ASCII scalar: nil keeps it, `.some(nil)` removes it,
    /// `.some(s)` replaces it with `s`.
    private func action(for scalar: Unicode.Scalar, _ report: inout StageReport) -> Unicode.Scalar?? {
        let v = scalar.value
        if options.removeControls, v >= 0x80 && v <= 0x9F {
            report.count("control")
            return .some(nil)
        }
        if options.removeFormat {
            if v == 0xFEFF {
                report.count("bom")
                return .some(nil)
            }
            if v == 0x00AD {
                report.count("soft_hyphen")
                return .some(nil)
            }
            if TextCleaner.isRemovableFormat(v) {
                report.count("format_character")
                return .some(nil)
            }
        }
        if options.foldSpaces, TextCleaner.isFoldableSpace(v) {
            report.count(v == 0xA0 ? "nbsp" : "unicode_space")
            return .some(" ")
        }
        if options.foldQuotes, let q = TextCleaner.quoteFold[v] {
            report.count("quote_folded")
            return .some(q)
        }
        if options.foldDashes, v == 0x2013 || v == 0x2014 {
            report.count("dash_folded")
            return .some("-")
        }
        return nil
    }

    /// Writes a scalar decoded from an entity, through the same rules as the text itself.
    private func emitDecoded(_ scalar: Unicode.Scalar, at next: Int, _ editor: inout ByteEditor, _ report: inout StageReport) {
        let v = scalar.value
        if v >= 0x80 {
            switch action(for: scalar, &report) {
            case .none: editor.append(scalar)
            case .some(.some(let replacement)): editor.append(replacement)
            case .some(.none): break
            }
            return
        }
        switch v {
        case 0x0A:
            trimBlanks(before: next, &editor, &report)
            editor.append(scalar)
        case 0x0D where options.lineEndings:
            trimBlanks(before: next, &editor, &report)
            editor.append("\n")
        case 0x00..<0x20 where v != 0x09 && options.removeControls, 0x7F where options.removeControls:
            report.count("control")
        default:
            editor.append(scalar)
        }
    }

    /// Removes the spaces and tabs before a line end at source index `i`: those still in the
    /// source and those already written to the output.
    private func trimBlanks(before i: Int, _ editor: inout ByteEditor, _ report: inout StageReport) {
        guard options.trimTrailing else { return }
        let src = editor.source
        var k = i
        while k > editor.copied, src[k - 1] == 0x20 || src[k - 1] == 0x09 { k -= 1 }
        var written = 0
        if k == editor.copied && editor.changed {
            let out = editor.out
            var m = out.count
            while m > 0, out[m - 1] == 0x20 || out[m - 1] == 0x09 { m -= 1 }
            written = out.count - m
        }
        guard k < i || written > 0 else { return }
        report.count("trailing_space")
        editor.drop(k..<i)
        if written > 0 { editor.removeLast(written) }
    }

    /// True when all eight bytes are printable ASCII (0x20...0x7E) other than '&'.
    @inline(__always)
    static func isPlainASCII8(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let below20 = (x &- ones &* 0x20) & ~x & high
        let del = x ^ (ones &* 0x7F)
        let isDel = (del &- ones) & ~del & high
        let amp = x ^ (ones &* 0x26)
        let isAmp = (amp &- ones) & ~amp & high
        return (x & high) | below20 | isDel | isAmp == 0
    }

    /// Bytes in the UTF-8 sequence that starts with `lead` (valid UTF-8 is assumed).
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    @inline(__always)
    static func decodeScalar(_ src: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> Unicode.Scalar {
        var v = UInt32(src[i]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { v = v << 6 | UInt32(src[i + k] & 0x3F) }
        return Unicode.Scalar(v) ?? "\u{FFFD}"
    }

    /// Bidi marks, embeddings, overrides and isolates: they carry meaning in text with
    /// right-to-left letters (an LTR name inside Persian), none in text without.
    static func isBidiControl(_ v: UInt32) -> Bool {
        v == 0x200E || v == 0x200F || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
    }

    /// Whether the text has Hebrew, Arabic, Syriac, Thaana or NKo letters (U+0590...U+07FF)
    /// or their presentation forms (U+FB1D...U+FEFC).
    static func hasRightToLeftLetters(_ src: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 1 < src.count {
            let b = src[i]
            if (b == 0xD6 && src[i + 1] >= 0x90) || (b >= 0xD7 && b <= 0xDF) { return true }
            if b == 0xEF, i + 2 < src.count {
                let v = decodeScalar(src, at: i, length: 3).value
                if (v >= 0xFB1D && v <= 0xFDFF) || (v >= 0xFE70 && v <= 0xFEFC) { return true }
            }
            i += 1
        }
        return false
    }

    /// Zero-width and bidi controls that carry no meaning in running text (bidi controls
    /// only in text without right-to-left letters, see `isBidiControl`).
    /// ZWNJ (U+200C) and ZWJ (U+200D) are kept: Persian, Indic scripts and emoji need them.
    static func isRemovableFormat(_ v: UInt32) -> Bool {
        switch v {
        case 0x200B, 0x2060, 0x2061...0x2064, 0x180E, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFFF9...0xFFFB:
            return true
        default:
            return false
        }
    }

    static func isFoldableSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static let quoteFold: [UInt32: Unicode.Scalar] = [
        0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2032: "'",
        0x201C: "\"", 0x201D: "\"", 0x201E: "\"", 0x201F: "\"", 0x2033: "\"",
    ]

    /// Skips an ANSI escape sequence (CSI `ESC [ ... final`, OSC `ESC ] ... BEL|ST`, or a
    /// two-character escape) starting at `i`; returns the index after it.
    static func skipEscapeSequence(_ src: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var j = i + 1
        guard j < src.count else { return j }
        switch src[j] {
        case UInt8(ascii: "["):
            j += 1
            while j < src.count {
                let v = src[j]
                j += 1
                if v >= 0x40 && v <= 0x7E { break }
                if !(v >= 0x20 && v <= 0x3F) { j -= 1; break }
            }
            return j
        case UInt8(ascii: "]"):
            j += 1
            while j < src.count {
                let v = src[j]
                if v == 0x07 { return j + 1 }
                if v == 0x1B, j + 1 < src.count, src[j + 1] == UInt8(ascii: "\\") { return j + 2 }
                if v == 0x0A { return j }
                j += 1
            }
            return j
        default:
            // A two-character escape; a lone ESC before a non-ASCII byte only removes the ESC.
            return src[j] < 0x80 ? j + 1 : j
        }
    }
}
