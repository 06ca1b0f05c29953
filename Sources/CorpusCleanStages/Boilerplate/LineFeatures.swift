import CorpusCleanCore
import CTextKit
/// What the classifier knows of one line, measured in one pass over its UTF-8 bytes. Counts
/// are `Narrow` (32 bits): a document holds hundreds of lines, read in several passes.
struct LineFeatures {
    /// Byte offsets of the line without its outer white space.
    var start: Int
    var end: Int
    /// Hash of its words, lowercased (spaces and punctuation between them ignored); 0 when none.
    var key: UInt64 = 0
    /// Words, counting two ideographs, kana or Thai letters as one word.
    @Narrow var words = 0
    @Narrow var letters = 0
    /// Letters of scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar).
    @Narrow var unspacedLetters = 0
    /// Separators of breadcrumbs and title suffixes (" | ", " / ", " › ", " » ", " - ", " – ", " — ").
    @Narrow var separators = 0
    /// Interface keywords (`UIPhrases.keywords`: "newsletter", "sign up", ...) it has.
    @Narrow var interfaceWords = 0
    /// Month and weekday names and timestamp words (`DateWords`).
    @Narrow var dateWords = 0
    /// Tokens that start with a digit.
    @Narrow var numbers = 0
    /// Its stopword tokens: `LineScanner.masks[firstStopword..<endStopword]`.
    @Narrow var firstStopword = 0
    @Narrow var endStopword = 0
    /// Dominant script of its letters, or nil when it has none.
    var script: Int32?
    /// The script with the second most letters.
    var secondScript: Int32?
    /// Ends with a sentence end (. ! ? … : ; and their CJK, Arabic, Indic, Ethiopic forms),
    /// optionally behind quotes or brackets.
    var endsSentence = false
    /// Ends with a comma ("," "、" "，" "،", optionally behind quotes or brackets): the sentence
    /// goes on in the next line.
    var endsClause = false
    /// Has a mark of code or a command line (`is_code_mark` in line_scan.c).
    var codeMark = false
    /// Has the word "cookie" or "cookies" (any case).
    var mentionsCookies = false

    init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// The measures `ctk_line_scan` took.
    init(_ c: ctk_line) {
        start = Int(c.start)
        end = Int(c.end)
        key = c.key
        words = Int(c.words)
        letters = Int(c.letters)
        unspacedLetters = Int(c.unspaced_letters)
        separators = Int(c.separators)
        interfaceWords = Int(c.interface_words)
        dateWords = Int(c.date_words)
        numbers = Int(c.numbers)
        firstStopword = Int(c.first_stopword)
        endStopword = Int(c.end_stopword)
        script = c.script < 0 ? nil : c.script
        secondScript = c.second_script < 0 ? nil : c.second_script
        endsSentence = c.ends_sentence != 0
        endsClause = c.ends_clause != 0
        codeMark = c.code_mark != 0
        mentionsCookies = c.mentions_cookies != 0
    }

    /// Its stopword tokens: a range of `LineScanner.masks`.
    var stopwords: Range<Int> {
        get { firstStopword..<endStopword }
        set { (firstStopword, endStopword) = (newValue.lowerBound, newValue.upperBound) }
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
