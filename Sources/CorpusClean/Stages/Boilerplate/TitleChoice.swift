/// Picks the article's title among the lines above its first paragraph: the nearest one that
/// shares content words with the opening paragraphs. A headline is about its article; the
/// lines between them (a "BREAKING:" ticker, another story's headline, a section name) are not.
enum TitleChoice {
    /// Non-blank lines looked at above the first paragraph.
    static let searchLines = 30
    /// Distinct content words a title must share with the opening paragraphs.
    static let sharedWords = 2
    /// Words of the opening paragraphs gathered (whole lines, at least one).
    static let openingWords = 200

    /// The title's line index, or nil when no candidate shares enough words with the opening.
    /// `order` lists the non-blank lines, `first` is the first paragraph's position in it,
    /// `paragraphs` the kept paragraphs in order, and `eligible` tells which lines may be a title.
    static func find(_ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>, order: [Int], first: Int,
                     paragraphs: [Int], eligible: (Int) -> Bool) -> Int? {
        var opening = Set<UInt64>()
        var words = 0
        for i in paragraphs where words < openingWords {
            contentWords(bytes, lines[i].start, lines[i].end) { opening.insert($0) }
            words += lines[i].words
        }
        var k = first - 1
        while k >= 0 && k >= first - searchLines {
            let i = order[k]
            k -= 1
            guard eligible(i) else { continue }
            var shared = Set<UInt64>()
            contentWords(bytes, lines[i].start, lines[i].end) { if opening.contains($0) { shared.insert($0) } }
            if shared.count >= sharedWords { return i }
        }
        return nil
    }

    /// Calls `body` with the hash (`TokenHash`) of every word of `bytes[start..<end]` that is no
    /// stopword of any language and has three letters or more; in scripts without spaces, with
    /// every pair of neighbouring characters.
    static func contentWords(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ body: (UInt64) -> Void) {
        var token = TokenHash.seed
        var letters = 0
        var previous: UInt32 = 0
        func endToken() {
            if letters >= 3 && Stopwords.table.value(token) & Stopwords.languageBits == 0 { body(token) }
            token = TokenHash.seed
            letters = 0
        }
        var i = start
        while i < end {
            let v: UInt32
            if bytes[i] < 0x80 {
                v = UInt32(bytes[i])
                i += 1
            } else {
                let (value, length) = UTF8Decoding.value(bytes, at: i, end: end)
                v = value
                i += length
            }
            if isUnspaced(v) {
                endToken()
                if previous != 0 { body(TokenHash.add(v, to: TokenHash.add(previous, to: TokenHash.seed))) }
                previous = v
                continue
            }
            previous = 0
            let isWord = v < 0x80 ? (v | 0x20) &- 0x61 < 26 || v &- 0x30 < 10
                : !(0xA0...0xBF).contains(v) && !(0x2000...0x206F).contains(v) && !(0x3000...0x303F).contains(v)
            if isWord {
                token = TokenHash.add(TokenHash.lower(v), to: token)
                letters += 1
            } else {
                endToken()
            }
        }
        endToken()
    }

    /// Han, kana and Thai: written without spaces, compared by character pairs.
    private static func isUnspaced(_ v: UInt32) -> Bool {
        (0x3040...0x30FF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0x0E00...0x0E7F).contains(v)
    }
}
