import CorpusCleanCore
/// One pass over the UTF-8 bytes of a text that removes controls and invisible format
/// characters, folds spaces and line ends, decodes HTML entities and trims line ends, and
/// runs the quick check of the normalization form on the result. Text with nothing to do and
/// class 0 in the form is passed over by `PlainCharacterTable` (32 bytes at a time); any other
/// character costs a lookup in the form's `NormalizationQuickCheck` and, for the few byte
/// patterns that can start a character of interest, a closer look. Each fix is counted in the
/// report under a stable key (`FixCounts`).
struct TextCleaner: Sendable {
    let options: NormalizeOptions
    let quickCheck: NormalizationQuickCheck
    private let plain: PlainCharacterTable

    init(options: NormalizeOptions) {
        self.options = options
        quickCheck = NormalizationQuickCheck.of(options.form)
        plain = PlainCharacterTable.of(options)
    }

    /// The cleaned text, and false when it is certainly in the normalization form already.
    func clean(_ text: String, report: inout StageReport) -> (text: String, mayNeedForm: Bool) {
        var text = text
        var fixes = FixCounts()
        let (bytes, mayNeedForm) = text.withUTF8 { clean($0, fixes: &fixes) }
        fixes.add(to: &report)
        guard let bytes else { return (text, mayNeedForm) }
        // Whole characters of a well-formed source were dropped or replaced.
        return (UTF8Validation.string(wellFormed: bytes), mayNeedForm)
    }

    /// The cleaned bytes (nil when nothing changed), and false when they are certainly in the
    /// normalization form already (the quick check of the form says YES).
    func clean(_ src: UnsafeBufferPointer<UInt8>, fixes: inout FixCounts) -> ([UInt8]?, Bool) {
        var editor = ByteEditor(src)
        var mayNeedForm = !quickCheck.coversASCII
        // The combining class of the last character written, for the quick check; known for
        // non-ASCII characters that end at `lastEnd`, 0 for kept ASCII after them.
        var lastClass: UInt8 = 0
        var lastEnd = 0
        var rtl: Bool?
        // Source index right after a "&#13;" turned into a line end: a line feed there is its pair.
        var crEnd = -1
        let n = src.count
        var i = 0
        while i < n {
            let plainEnd = plain.span(src, from: i)
            if plainEnd > i {
                // Characters with nothing to do and class 0 (most of a text), so the last one
                // written has class 0 after it.
                i = plainEnd
                lastClass = 0
                lastEnd = i
                if i == n { break }
            }
            let b = src[i]
            if b >= 0x80 {
                let length = UTF8Decoding.length(lead: b)
                guard i + length <= n else {
                    mayNeedForm = true
                    break
                }
                let v = UTF8Decoding.value(src, at: i, length: length)
                if i != lastEnd {
                    // ASCII in between: the last character written is ASCII (class 0), unless
                    // what was there got removed (then the class is not known).
                    lastClass = editor.copied > lastEnd ? NormalizationQuickCheck.no : 0
                }
                lastEnd = i + length
                if TextCleaner.mayNeedAction(b, src[i + 1]) {
                    let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
                    var keep = TextCleaner.isBidiControl(v)
                    if keep {
                        if rtl == nil { rtl = TextCleaner.hasRightToLeftLetters(src) }
                        keep = rtl == true
                    }
                    if !keep, let action = TextCleaner.action(for: scalar, options: options, &fixes) {
                        if let replacement = action {
                            editor.replace(i..<lastEnd, with: replacement)
                            lastClass = 0
                            if replacement.value >= 0x80 && quickCheck.classOf(replacement.value) != 0 { mayNeedForm = true }
                        } else {
                            editor.drop(i..<lastEnd)
                        }
                        i = lastEnd
                        continue
                    }
                }
                if !mayNeedForm {
                    let c = quickCheck.classOf(v)
                    if c == NormalizationQuickCheck.no || (c != 0 && lastClass > c) { mayNeedForm = true }
                    lastClass = c
                }
                i = lastEnd
                continue
            }
            switch b {
            case 0x0A where i == crEnd:
                editor.drop(i..<(i + 1))
                i += 1
            case 0x0A:
                trimBlanks(before: i, &editor, &fixes)
                i += 1
            case 0x0D:
                guard options.lineEndings else {
                    i += 1
                    continue
                }
                trimBlanks(before: i, &editor, &fixes)
                if i + 1 < n, src[i + 1] == 0x0A {
                    fixes.count(.crlf)
                    editor.drop(i..<(i + 1))
                    i += 2
                } else {
                    fixes.count(.cr)
                    editor.replace(i..<(i + 1), with: "\n")
                    i += 1
                }
            case 0x26:
                if options.htmlEntities, let (text, length) = HTMLEntities.decode(src, at: i) {
                    fixes.count(.htmlEntity)
                    editor.drop(i..<(i + length))
                    for scalar in text.unicodeScalars {
                        if scalar.value >= 0x80 && quickCheck.classOf(scalar.value) != 0 { mayNeedForm = true }
                        if !(scalar == "\n" && i == crEnd) {
                            emitDecoded(scalar, at: i + length, &editor, &fixes)
                        }
                    }
                    i += length
                    if text == "\r" && options.lineEndings { crEnd = i }
                } else {
                    i += 1
                }
            case 0x1B where options.removeControls:
                let end = TextCleaner.skipEscapeSequence(src, from: i)
                fixes.count(.terminalEscape)
                editor.drop(i..<end)
                i = end
            case 0x00..<0x20, 0x7F:
                if options.removeControls && b != 0x09 {
                    fixes.count(.control)
                    editor.drop(i..<(i + 1))
                }
                i += 1
            default:
                i += 1
            }
        }
        trimBlanks(before: n, &editor, &fixes)
        return (editor.finish(), mayNeedForm)
    }

    /// Whether the character whose first two UTF-8 bytes are `lead`, `next` can be one that
    /// `action(for:)` changes: C1, NBSP, soft hyphen (C2); U+1680, U+180E (E1 9A, E1 A0);
    /// U+2000...U+207F (E2 80, E2 81); U+3000 (E3 80); U+FEFF, U+FFF9...U+FFFB (EF BB, EF BF).
    @inline(__always)
    static func mayNeedAction(_ lead: UInt8, _ next: UInt8) -> Bool {
        switch lead {
        case 0xC2: return next <= 0xA0 || next == 0xAD
        case 0xE1: return next == 0x9A || next == 0xA0
        case 0xE2: return next == 0x80 || next == 0x81
        case 0xE3: return next == 0x80
        case 0xEF: return next == 0xBB || next == 0xBF
        default: return false
        }
    }

    /// What to do with a non-ASCII scalar under `options`: nil keeps it, `.some(nil)` removes
    /// it, `.some(s)` replaces it with `s`.
    static func action(for scalar: Unicode.Scalar, options: NormalizeOptions, _ fixes: inout FixCounts) -> Unicode.Scalar?? {
        let v = scalar.value
        if v >= 0x80 && v <= 0x9F {
            // C1 controls stand for the Windows-1252 characters of their byte (as in HTML5);
            // the five bytes Windows-1252 leaves undefined are controls.
            let mapped = Charmap.windows1252.high[Int(v) - 0x80]
            if options.mojibake, mapped != v, let character = Unicode.Scalar(mapped) {
                fixes.count(.c1AsWindows1252)
                return action(for: character, options: options, &fixes) ?? .some(character)
            }
            if options.removeControls {
                fixes.count(.control)
                return .some(nil)
            }
        }
        if options.removeFormat {
            if v == 0xFEFF {
                fixes.count(.bom)
                return .some(nil)
            }
            if v == 0x00AD {
                fixes.count(.softHyphen)
                return .some(nil)
            }
            if isRemovableFormat(v) {
                fixes.count(.formatCharacter)
                return .some(nil)
            }
        }
        if options.foldSpaces, isFoldableSpace(v) {
            fixes.count(v == 0xA0 ? .nbsp : .unicodeSpace)
            return .some(" ")
        }
        if options.foldQuotes, let q = quoteFold[v] {
            fixes.count(.quoteFolded)
            return .some(q)
        }
        if options.foldDashes, v == 0x2013 || v == 0x2014 {
            fixes.count(.dashFolded)
            return .some("-")
        }
        return nil
    }

    /// Writes a scalar decoded from an entity, through the same rules as the text itself.
    private func emitDecoded(_ scalar: Unicode.Scalar, at next: Int, _ editor: inout ByteEditor, _ fixes: inout FixCounts) {
        let v = scalar.value
        if v >= 0x80 {
            switch TextCleaner.action(for: scalar, options: options, &fixes) {
            case .none: editor.append(scalar)
            case .some(.some(let replacement)): editor.append(replacement)
            case .some(.none): break
            }
            return
        }
        switch v {
        case 0x0A:
            trimBlanks(before: next, &editor, &fixes)
            editor.append(scalar)
        case 0x0D where options.lineEndings:
            trimBlanks(before: next, &editor, &fixes)
            editor.append("\n")
        case 0x00..<0x20 where v != 0x09 && options.removeControls, 0x7F where options.removeControls:
            fixes.count(.control)
        default:
            editor.append(scalar)
        }
    }

    /// Removes the spaces and tabs before a line end at source index `i`: those still in the
    /// source and those already written to the output.
    private func trimBlanks(before i: Int, _ editor: inout ByteEditor, _ fixes: inout FixCounts) {
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
        fixes.count(.trailingSpace)
        editor.drop(k..<i)
        if written > 0 { editor.removeLast(written) }
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
                let v = UTF8Decoding.value(src, at: i, length: 3)
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
