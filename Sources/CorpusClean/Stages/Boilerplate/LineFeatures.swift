/// What the classifier knows of one line.
struct LineFeatures {
    let text: Substring
    let trimmed: Substring
    /// Words, counting two ideographs or kana as one word in scripts without spaces.
    let words: Int
    /// Ends with a sentence end (. ! ? … : and their CJK forms), optionally behind quotes.
    let endsSentence: Bool
    /// Dominant script of its letters, or nil when it has none.
    let script: Int32?
    /// Letters in the line.
    let letters: Int

    var isBlank: Bool { trimmed.isEmpty }

    private static let sentenceEnders: Set<Character> = [".", "!", "?", "…", ":", ";", "。", "！", "？", "؟", "।", "۔", "።"]
    private static let closers: Set<Character> = ["\"", "'", "”", "’", "»", ")", "]", "」", "』", "）"]

    init(_ text: Substring) {
        self.text = text
        let trimmed = text.trimmingPrefix(while: \.isWhitespace)
        var end = trimmed.endIndex
        while end > trimmed.startIndex, trimmed[trimmed.index(before: end)].isWhitespace {
            end = trimmed.index(before: end)
        }
        self.trimmed = trimmed[trimmed.startIndex..<end]

        var spaced = 0
        var unspaced = 0
        var inWord = false
        var letters = 0
        var counts: [Int32: Int] = [:]
        for scalar in self.trimmed.unicodeScalars {
            let isLetter = scalar.properties.isAlphabetic
            let isDigit = scalar.properties.numericType != nil
            if isLetter {
                letters += 1
                let s = Script.code(of: scalar)
                if s != Script.common && s != Script.inherited { counts[s, default: 0] += 1 }
                if LineFeatures.isUnspacedScript(s) {
                    unspaced += 1
                    inWord = false
                    continue
                }
            }
            if isLetter || isDigit {
                if !inWord { spaced += 1 }
                inWord = true
            } else if scalar.properties.isWhitespace {
                inWord = false
            }
        }
        words = spaced + (unspaced + 1) / 2
        self.letters = letters
        script = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key

        var last = self.trimmed.last
        var rest = self.trimmed
        while let c = last, LineFeatures.closers.contains(c) {
            rest = rest.dropLast()
            last = rest.last
        }
        endsSentence = last.map { LineFeatures.sentenceEnders.contains($0) } ?? false
    }

    /// Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar: written without spaces between words.
    static func isUnspacedScript(_ s: Int32) -> Bool {
        switch s {
        case 17, 20, 22, 38, 24, 23, 28: return true // Hani, Hira, Kana, Thai, Laoo, Khmr, Mymr
        default: return false
        }
    }
}
