import CorpusCleanCore
import CTextKit
/// What the classifier knows of one line, measured in one pass over its UTF-8 bytes: the
/// `ctk_line` that `ctk_line_scan_reusing` wrote, copied with the others in one block into the lines'
/// array (no conversion a line), so its layout is `ctk_line`'s. Counts are 32 bits in it: a document holds hundreds of lines, read
/// in several passes.
struct LineFeatures {
    /// The measures, as C stores them.
    private var c: ctk_line

    init(start: Int, end: Int) {
        c = ctk_line()
        c.start = Int64(start)
        c.end = Int64(end)
        c.script = -1
        c.second_script = -1
    }

    /// Byte offsets of the line without its outer white space.
    var start: Int { get { Int(c.start) } set { c.start = Int64(newValue) } }
    var end: Int { get { Int(c.end) } set { c.end = Int64(newValue) } }
    /// Hash of its words, lowercased (spaces and punctuation between them ignored); 0 when none.
    var key: UInt64 { get { c.key } set { c.key = newValue } }
    /// Words, counting two ideographs, kana or Thai letters as one word.
    var words: Int { get { Int(c.words) } set { c.words = Int32(truncatingIfNeeded: newValue) } }
    var letters: Int { get { Int(c.letters) } set { c.letters = Int32(truncatingIfNeeded: newValue) } }
    /// Letters of scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar).
    var unspacedLetters: Int { get { Int(c.unspaced_letters) } set { c.unspaced_letters = Int32(truncatingIfNeeded: newValue) } }
    /// Separators of breadcrumbs and title suffixes (" | ", " / ", " › ", " » ", " - ", " – ", " — ").
    var separators: Int { get { Int(c.separators) } set { c.separators = Int32(truncatingIfNeeded: newValue) } }
    /// Interface keywords (`UIPhrases.keywords`: "newsletter", "sign up", ...) it has.
    var interfaceWords: Int { get { Int(c.interface_words) } set { c.interface_words = Int32(truncatingIfNeeded: newValue) } }
    /// Month and weekday names and timestamp words (`DateWords`).
    var dateWords: Int { get { Int(c.date_words) } set { c.date_words = Int32(truncatingIfNeeded: newValue) } }
    /// Tokens that start with a digit.
    var numbers: Int { get { Int(c.numbers) } set { c.numbers = Int32(truncatingIfNeeded: newValue) } }
    /// Dominant script of its letters, or nil when it has none.
    var script: Int32? { get { c.script < 0 ? nil : c.script } set { c.script = newValue ?? -1 } }
    /// The script with the second most letters.
    var secondScript: Int32? { get { c.second_script < 0 ? nil : c.second_script } set { c.second_script = newValue ?? -1 } }
    /// Ends with a sentence end (. ! ? … : ; and their CJK, Arabic, Indic, Ethiopic forms),
    /// optionally behind quotes or brackets.
    var endsSentence: Bool { get { c.ends_sentence != 0 } set { c.ends_sentence = newValue ? 1 : 0 } }
    /// Ends with a comma ("," "、" "，" "،", optionally behind quotes or brackets): the sentence
    /// goes on in the next line.
    var endsClause: Bool { get { c.ends_clause != 0 } set { c.ends_clause = newValue ? 1 : 0 } }
    /// Has a mark of code or a command line (`is_code_mark` in line_scan.c).
    var codeMark: Bool { get { c.code_mark != 0 } set { c.code_mark = newValue ? 1 : 0 } }
    /// Has the word "cookie" or "cookies" (any case).
    var mentionsCookies: Bool { get { c.mentions_cookies != 0 } set { c.mentions_cookies = newValue ? 1 : 0 } }

    /// Its stopword tokens: a range of `LineScanner.masks`.
    var stopwords: Range<Int> {
        get { Int(c.first_stopword)..<Int(c.end_stopword) }
        set {
            c.first_stopword = Int32(truncatingIfNeeded: newValue.lowerBound)
            c.end_stopword = Int32(truncatingIfNeeded: newValue.upperBound)
        }
    }

    var isBlank: Bool { start == end }

    /// Share of its words (numbers left out) that are the `hits` stopwords of a language.
    func stopwordDensity(hits: Int) -> Double {
        Double(hits) / Double(max(1, words - numbers))
    }

    /// Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar: written without spaces between words.
    @inline(__always)
    static func isUnspacedScript(_ s: Int32) -> Bool {
        switch s {
        case 17, 20, 22, 38, 24, 23, 28: return true // Hani, Hira, Kana, Thai, Laoo, Khmr, Mymr
        default: return false
        }
    }

    @inline(__always)
    static func isSentenceEnd(_ v: UInt32) -> Bool {
        switch v {
        case 0x2E, 0x21, 0x3F, 0x3A, 0x3B, 0x2026, 0x3002, 0xFF01, 0xFF1F, 0xFF0E, 0xFF61, 0x061F, 0x06D4,
             0x0964, 0x0965, 0x1362, 0x0589, 0x104B, 0x17D4, 0x0F0D, 0x203C, 0x2047, 0x2048, 0x2049, 0xFE12:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func isCloser(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x29, 0x5D, 0x2A, 0x201D, 0x2019, 0xBB, 0x300D, 0x300F, 0xFF09, 0x300B, 0x3011: return true
        default: return false
        }
    }
}

extension LineFeatures {
    /// Ends in ":" or "：".
    func endsWithColon(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        end > start && (bytes[end - 1] == 0x3A || (end - start >= 3 && bytes[end - 3] == 0xEF && bytes[end - 2] == 0xBC && bytes[end - 1] == 0x9A))
    }
}
