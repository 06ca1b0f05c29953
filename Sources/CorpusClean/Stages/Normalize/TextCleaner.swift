/// One pass over the scalars of a text that removes controls and invisible format
/// characters, folds spaces and line ends, decodes HTML entities and trims line ends.
/// Each fix is counted in the report under a stable key.
struct TextCleaner: Sendable {
    let options: NormalizeOptions

    /// Pure printable ASCII with no '&' and no trailing blanks needs no work at all.
    private func needsWork(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b >= 0x80 || b == UInt8(ascii: "&") || b == 0x7F { return true }
            if b < 0x20 && b != 0x0A { return true }
            if b == 0x0A && previous == 0x20 { return true }
            previous = b
        }
        return previous == 0x20
    }

    func clean(_ text: String, report: inout StageReport) -> String {
        guard needsWork(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var blanks = String.UnicodeScalarView()
        var i = 0

        func endLine(_ report: inout StageReport) {
            if options.trimTrailing {
                if !blanks.isEmpty { report.count("trailing_space") }
            } else {
                out.append(contentsOf: blanks)
            }
            blanks.removeAll(keepingCapacity: true)
            out.append("\n")
        }

        func emit(_ s: Unicode.Scalar, _ report: inout StageReport) {
            var s = s
            if options.foldSpaces, s != " ", TextCleaner.isFoldableSpace(s) {
                report.count(s.value == 0xA0 ? "nbsp" : "unicode_space")
                s = " "
            }
            if options.foldQuotes, let q = TextCleaner.quoteFold[s.value] {
                report.count("quote_folded")
                s = q
            }
            if options.foldDashes, s.value == 0x2013 || s.value == 0x2014 {
                report.count("dash_folded")
                s = "-"
            }
            if s == " " || s == "\t" {
                blanks.append(s)
            } else {
                if !blanks.isEmpty {
                    out.append(contentsOf: blanks)
                    blanks.removeAll(keepingCapacity: true)
                }
                out.append(s)
            }
        }

        while i < scalars.count {
            let s = scalars[i]
            let v = s.value
            if v == 0x0A {
                endLine(&report)
                i += 1
                continue
            }
            if v == 0x0D {
                if options.lineEndings {
                    if i + 1 < scalars.count, scalars[i + 1].value == 0x0A {
                        report.count("crlf")
                        i += 1
                    } else {
                        report.count("cr")
                    }
                    endLine(&report)
                } else {
                    emit(s, &report)
                }
                i += 1
                continue
            }
            if options.removeControls {
                if v == 0x1B {
                    i = TextCleaner.skipEscapeSequence(scalars, from: i)
                    report.count("terminal_escape")
                    continue
                }
                if (v < 0x20 && v != 0x09) || (v >= 0x7F && v <= 0x9F) {
                    report.count("control")
                    i += 1
                    continue
                }
            }
            if options.removeFormat {
                if v == 0xFEFF {
                    report.count("bom")
                    i += 1
                    continue
                }
                if v == 0x00AD {
                    report.count("soft_hyphen")
                    i += 1
                    continue
                }
                if TextCleaner.isRemovableFormat(v) {
                    report.count("format_character")
                    i += 1
                    continue
                }
            }
            if options.htmlEntities, v == 0x26, let (decoded, length) = HTMLEntities.decode(scalars, at: i) {
                report.count("html_entity")
                for d in decoded { emit(d, &report) }
                i += length
                continue
            }
            emit(s, &report)
            i += 1
        }
        if options.trimTrailing {
            if !blanks.isEmpty { report.count("trailing_space") }
        } else {
            out.append(contentsOf: blanks)
        }
        return String(out)
    }

    /// Zero-width and bidi controls that carry no meaning in running text.
    /// ZWNJ (U+200C) and ZWJ (U+200D) are kept: Persian, Indic scripts and emoji need them.
    static func isRemovableFormat(_ v: UInt32) -> Bool {
        switch v {
        case 0x200B, 0x2060, 0x2061...0x2064, 0x180E, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFFF9...0xFFFB:
            return true
        default:
            return false
        }
    }

    static func isFoldableSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
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
    static func skipEscapeSequence(_ scalars: [Unicode.Scalar], from i: Int) -> Int {
        var j = i + 1
        guard j < scalars.count else { return j }
        switch scalars[j] {
        case "[":
            j += 1
            while j < scalars.count {
                let v = scalars[j].value
                j += 1
                if v >= 0x40 && v <= 0x7E { break }
                if !(v >= 0x20 && v <= 0x3F) { j -= 1; break }
            }
            return j
        case "]":
            j += 1
            while j < scalars.count {
                let v = scalars[j].value
                if v == 0x07 { return j + 1 }
                if v == 0x1B, j + 1 < scalars.count, scalars[j + 1] == "\\" { return j + 2 }
                if v == 0x0A { return j }
                j += 1
            }
            return j
        default:
            return j + 1
        }
    }
}
