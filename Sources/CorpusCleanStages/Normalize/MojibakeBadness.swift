import CorpusCleanCore
import CTextKit

/// How much a text looks like mojibake: the number of neighbouring characters that real text
/// in any language almost never puts side by side, but that UTF-8 read through a single-byte
/// code page (see `Charmap`) produces all the time. Only characters those code pages have
/// take part; text in other scripts, and ASCII, scores 0.
///
/// Counted: every C1 control; and every pair of adjacent non-ASCII characters where
/// * a letter is followed by a *mojibake symbol* (currency, math, modifier and other symbols,
///   superscripts and fractions, § ¶ † ‡ • ‰ ¡ ¿ ‹ › ‚ „ ª º µ): "Ã©", "Ð¿", "â€", "Î±";
/// * two mojibake symbols meet: "€™", "√©" (MacRoman), "├⌐" (cp437);
/// * a capital accented Latin-1 letter is followed by one of the characters that Windows-1252
///   writes at 0x80...0xBF (the continuation bytes of UTF-8): "Ã–", "Ã¶", "Â" + NBSP; or
///   another capital accented Latin letter by punctuation other than NBSP and "·" ("Ă«"), or
///   by a lower-case letter that Windows-1250 or ISO-8859-2 writes as a continuation byte where
///   it writes the capital as a lead ("Ăł", "Ăľ": ó and õ read so; not MacRoman's "Œå", which
///   is the ending of Windows-1252 mojibake, nor the start of a clean word such as Romanian
///   "Ăştia": see `isLeadThenContinuation`);
/// * a lower-case letter is followed by a capital ("РґРѕ": Cyrillic read as Windows-1251);
/// * letters of two of the scripts Latin, Greek and Cyrillic meet;
/// * a box-drawing or block character meets any other non-ASCII character or an ASCII letter;
/// and every letter of Latin Extended-B or IPA that is not used in a living orthography
/// (what a wrong code page decodes to: "É’" read as UTF-8 is "ɒ", "Ć©" is "Ʃ"). An ASCII
/// letter next to a non-ASCII one counts for case and script ("bĂĄzĂ©s", "ndЙ™") and next to
/// box drawing ("expulsi├│n") only.
enum MojibakeBadness {
    /// The badness of `text` (0: nothing looks like mojibake).
    static func score(_ text: String) -> Int { score(text.unicodeScalars) }

    /// The badness of a sequence of characters, with the characters `before` and `after` it
    /// (if any) as neighbours; with `stopAtFirst`, 1 at the first thing counted.
    static func score<S: Sequence<Unicode.Scalar>>(_ scalars: S, before: Unicode.Scalar? = nil, after: Unicode.Scalar? = nil,
                                                   stopAtFirst: Bool = false) -> Int {
        var counter = Counter()
        if let before { counter.add(before.value) }
        for s in scalars {
            counter.add(s.value)
            if stopAtFirst && counter.score > 0 { return 1 }
        }
        if let after { counter.add(after.value) }
        return stopAtFirst ? min(counter.score, 1) : counter.score
    }

    /// `score(text.unicodeScalars, before:, after:)`, read from the UTF-8 of `text`.
    static func score(utf8 text: String, before: Unicode.Scalar?, after: Unicode.Scalar?) -> Int {
        var text = text
        return text.withUTF8 { src in
            var counter = Counter()
            if let before { counter.add(before.value) }
            var i = 0
            while i < src.count {
                let b = src[i]
                if b < 0x80 {
                    counter.add(UInt32(b))
                    // Within a run of ASCII only the last character changes the count's state.
                    var end = i + 1
                    while end < src.count, src[end] < 0x80 { end += 1 }
                    if end - 1 > i { counter.add(UInt32(src[end - 1])) }
                    i = end
                } else {
                    let length = UTF8Decoding.length(lead: b)
                    counter.add(UTF8Decoding.value(src, at: i, length: length))
                    i += length
                }
            }
            if let after { counter.add(after.value) }
            return counter.score
        }
    }

    /// The badness of characters fed one at a time.
    struct Counter {
        private(set) var score = 0
        private var previous = Kind.other
        private var previousValue: UInt32 = 0

        @inline(__always)
        mutating func add(_ v: UInt32) {
            if v < 0x80 && previousValue < 0x80 {
                // Two ASCII characters: never counted.
                previous = MojibakeBadness.asciiKind(v)
                previousValue = v
                return
            }
            let kind = MojibakeBadness.kind(v)
            if isBadAlone(v, kind) { score += 1 }
            if isBadPair(previous, previousValue, kind, v) { score += 1 }
            previous = kind
            previousValue = v
        }
    }

    /// The class of `v` for the measure (from a table below U+2600).
    @inline(__always)
    static func kind(_ v: UInt32) -> Kind {
        if v < 0x80 { return asciiKind(v) }
        return v < 0x2600 ? kindTable[Int(v)] : classify(v)
    }

    /// A character bad on its own: a C1 control or a rare letter.
    @inline(__always)
    static func isBadAlone(_ v: UInt32, _ kind: Kind) -> Bool {
        kind == .c1 || (v >= 0x180 && v <= 0x2AF && isRare(v))
    }

    private static let kindTable: [Kind] = (0..<0x2600).map { classify(UInt32($0)) }

    enum Kind: Equatable {
        case other, c1, symbol, box, punctuation
        case letter(Script, upper: Bool)
    }

    enum Script: Equatable { case latin, greek, cyrillic, other }

    /// ASCII letters take part only as letters next to non-ASCII ones (case and script).
    @inline(__always)
    fileprivate static func asciiKind(_ v: UInt32) -> Kind {
        switch v {
        case 0x41...0x5A: return .letter(.latin, upper: true)
        case 0x61...0x7A: return .letter(.latin, upper: false)
        default: return .other
        }
    }

    /// Whether `a` (value `av`) followed by `b` (value `bv`) counts (see the type's
    /// documentation); pairs of ASCII characters never do.
    @inline(__always)
    static func isBadPair(_ a: Kind, _ av: UInt32, _ b: Kind, _ bv: UInt32) -> Bool {
        if a == .other || b == .other || (av < 0x80 && bv < 0x80) { return false }
        if av < 0x80 || bv < 0x80 {
            // The ASCII one is a letter: cp437 mojibake inside a word ("expulsi├│n").
            if a == .box || b == .box { return true }
            guard case .letter(let sa, let ua) = a, case .letter(let sb, let ub) = b else { return false }
            return (sa != sb && sa != .other && sb != .other) || (!ua && ub)
        }
        switch (a, b) {
        case (.box, .box): return false
        case (.box, _), (_, .box): return true
        case (.letter, .symbol), (.symbol, .symbol): return true
        case (.symbol, .letter):
            // Not the Spanish "¿Qué", "¡Ánimo" or the German „Äpfel“.
            return av != 0xBF && av != 0xA1 && av != 0x201E && av != 0x201A
        case (.letter(let sa, let ua), .letter(let sb, let ub)):
            if sa != sb && sa != .other && sb != .other { return true }
            if !ua && ub { return true }
            if ua && !ub && av > 0xFF && sa == .latin { return isLeadThenContinuation(av, bv) }
            return isCapitalLatin1(av) && windows1252Continuation(bv)
        case (.letter(.latin, upper: true), .c1), (.letter(.latin, upper: true), .punctuation):
            return av <= 0xFF ? windows1252Continuation(bv) : bv != 0xA0 && bv != 0xB7
        case (.letter, _):
            return isCapitalLatin1(av) && windows1252Continuation(bv)
        default:
            return false
        }
    }

    /// Latin Extended-B and IPA letters other than those of living orthographies (ə Ə, ơ ư,
    /// pinyin ǎ ǐ ǒ ǔ, the Croatian digraphs, Romanian ș ț, Skolt ǧ ǫ).
    @inline(__always)
    private static func isRare(_ v: UInt32) -> Bool {
        switch v {
        case 0x259, 0x18F, 0x192, 0x1A0, 0x1A1, 0x1AF, 0x1B0, 0x1C4...0x1DC, 0x1E6, 0x1E7, 0x1EA, 0x1EB, 0x1F1...0x1F3, 0x218...0x21B:
            return false
        case 0x180...0x2AF:
            return true
        default:
            return false
        }
    }

    /// À...Þ except ×.
    @inline(__always)
    private static func isCapitalLatin1(_ v: UInt32) -> Bool { v >= 0xC0 && v <= 0xDE && v != 0xD7 }

    /// Whether Windows-1252 (or Latin-1) writes `v` as a byte of 0x80...0xBF.
    private static func windows1252Continuation(_ v: UInt32) -> Bool {
        if v >= 0x80 && v <= 0xBF { return true }
        guard let b = Charmap.windows1252.byte(v) else { return false }
        return b >= 0x80 && b <= 0xBF
    }

    /// Whether Windows-1250 or ISO-8859-2 writes `lead` as the lead byte of a two-byte sequence
    /// (C2...DF: C0 is a lead only of Java's C0 80) and `continuation` as a continuation byte,
    /// and the pair is no start of a clean word: the capital starts no word (Ę Ě Ĺ Ń Ň Ů), the
    /// two letters are frequent in no common language (`LostByteLetters`), or the letter the
    /// two bytes make is frequent in one of those ("Ăşnora" is Czech "února"; "Ăştia" is
    /// Romanian, which has no ú).
    private static func isLeadThenContinuation(_ lead: UInt32, _ continuation: UInt32) -> Bool {
        let windows1250 = bytes(lead, continuation, in: Charmap.windows1250)
        let iso8859_2 = bytes(lead, continuation, in: Charmap.iso8859_2)
        guard windows1250 != nil || iso8859_2 != nil else { return false }
        switch lead {
        case 0x118, 0x11A, 0x139, 0x143, 0x147, 0x16E: return true
        default: break
        }
        let letters = LostByteLetters.compiled
        let shared = languages(of: WordCharacterTable.shared.lowercase(of: lead) ?? lead, letters)
            & languages(of: continuation, letters)
        // The letter the two bytes make, when a code page writes the pair so.
        func sharesMade(_ pair: (first: UInt8, second: UInt8)?) -> Bool {
            guard let pair else { return false }
            return letters.mask(of: UInt32(pair.first & 0x1F) << 6 | UInt32(pair.second & 0x3F)) & shared != 0
        }
        return shared == 0 || sharesMade(windows1250) || sharesMade(iso8859_2)
    }

    /// The bytes `map` writes `lead` and `continuation` as, when they are a lead byte of a
    /// two-byte sequence and a continuation byte.
    private static func bytes(_ lead: UInt32, _ continuation: UInt32, in map: Charmap) -> (first: UInt8, second: UInt8)? {
        guard let first = map.byte(lead), first >= 0xC2 && first <= 0xDF,
              let second = map.byte(continuation), second & 0xC0 == 0x80 else { return nil }
        return (first, second)
    }

    /// The languages `letter` is frequent in, the Romanian ş and ţ (cedilla) counted as ș and ț
    /// (comma below), the letters they stand for in older fonts and much web text.
    private static func languages(of letter: UInt32, _ letters: LostByteLetters) -> UInt64 {
        switch letter {
        case 0x15F: return letters.mask(of: letter) | letters.mask(of: 0x219)
        case 0x163: return letters.mask(of: letter) | letters.mask(of: 0x21B)
        default: return letters.mask(of: letter)
        }
    }

    static func classify(_ v: UInt32) -> Kind {
        if v <= 0x9F { return v >= 0x80 ? .c1 : .other }
        if v >= 0x2500 && v <= 0x259F { return .box }
        if v >= 0x2600 { return v == 0xFB01 || v == 0xFB02 ? .symbol : .other }
        switch v {
        case 0xA7, 0xB6, 0x2020, 0x2021, 0x2022, 0x2030, 0xA1, 0xBF, 0x2039, 0x203A, 0x201A, 0x201E, 0xAA, 0xBA, 0xB5, 0x2C6, 0x2C7, 0x192:
            return .symbol
        case 0xB7:
            return .punctuation  // the Catalan "l·l"
        default:
            break
        }
        // ICU general categories (see ctk_char_category): Lu 1, Ll 2, Lt 3, Lm 4, Lo 5,
        // No 11, Sm 24, Sc 25, Sk 26, So 27.
        switch ctk_char_category(v) {
        case 11, 24, 25, 26, 27: return .symbol
        case 1, 3: return .letter(script(v), upper: true)
        case 2, 4, 5: return .letter(script(v), upper: false)
        default: return .punctuation
        }
    }

    static func script(_ v: UInt32) -> Script {
        switch v {
        case 0xC0...0x24F, 0x1E00...0x1EFF: return .latin
        case 0x370...0x3FF, 0x1F00...0x1FFF: return .greek
        case 0x400...0x52F: return .cyrillic
        default: return .other
        }
    }
}
