import CorpusCleanCore
import CTextKit

/// Tells two close languages apart by their words: each word of the text adds the log of the
/// ratio of its frequencies in the two languages (Norwegian Bokmål and Danish, from word lists
/// of running text: wordfreq's Wikipedia, subtitles, news, web; see scripts/language-lexicon/),
/// or a fixed weight for a word of one side of a systematic difference (Serbian's ekavian
/// *vreme, mesto* against Croatian and Bosnian ijekavian *vrijeme, mjesto*). Where a character
/// model trained on interface strings flips a coin (Danish `hvad`, `efter`, `nogle`; Bokmål
/// `hva`, `etter`, `noen`), these words decide.
public struct PairLexicon: Sendable {
    /// The lexicon compiled into the binary (Sources/CTextKit/pair_lexicon.txt). Its words
    /// are read when a document of one of its languages first needs them (70 M instructions),
    /// not when a stage is built: a run with no such text does not pay for them.
    public static let shipped = PairLexicon()

    /// The pairs, each with the weights of its words: ln(P_second(word) / P_first(word)). A
    /// side may hold several languages (`hr`, `bs`) that the words do not tell apart.
    private static let shippedPairs = parse(shippedBytes)
    /// The shipped pairs without their words.
    private static let shippedSides = parse(shippedBytes, withWords: false)

    private static var shippedBytes: UnsafeBufferPointer<UInt8> {
        var length = 0
        let bytes = ctk_pair_lexicon(&length)
        return UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : length)
    }

    private init() {}

    /// The pairs of the generator's format: `pair A B` lines (a side may be `A+C`), each
    /// followed by `word<TAB>weight` lines (left out unless `withWords`). Lines end at LF
    /// (the generator writes no CR).
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, withWords: Bool = true)
        -> [(first: [String], second: [String], weights: [String: Float])] {
        var pairs: [(first: [String], second: [String], weights: [String: Float])] = []
        // Room for every line in each pair's words: the table is never grown and rehashed.
        let lines = withWords ? bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } : 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            if line.first == 0x70, line.starts(with: "pair ".utf8) {
                let sides = String(decoding: line, as: UTF8.self).split(separator: " ")
                    .map { $0.split(separator: "+").map(String.init) }
                guard sides.count == 3 else { continue }
                pairs.append((sides[1], sides[2], withWords ? [String: Float](minimumCapacity: lines) : [:]))
            } else if withWords, !pairs.isEmpty, let tab = line.firstIndex(of: 0x09),
                      let weight = Self.weight(UnsafeBufferPointer(rebasing: line[(tab + 1)...])) {
                pairs[pairs.count - 1].weights[String(decoding: UnsafeBufferPointer(rebasing: line[..<tab]), as: UTF8.self)] = weight
            }
        }
        return pairs
    }

    /// The number of a weight: `-?[0-9]+.[0-9][0-9]` (the generator's format) read as the
    /// digits over 100, which IEEE division rounds as `Float(_:)` rounds the decimal, without
    /// a trip through `strtof` (a fifth of reading the lexicon); other text as `Float(_:)` reads it.
    static func weight(_ text: UnsafeBufferPointer<UInt8>) -> Float? {
        let negative = text.first == 0x2D
        var digits: Int32 = 0, count = 0, point = -1
        for (i, b) in text.enumerated().dropFirst(negative ? 1 : 0) {
            if b >= 0x30 && b <= 0x39 && count < 7 {
                digits = digits * 10 + Int32(b - 0x30)
                count += 1
            } else if b == 0x2E && point < 0 && count > 0 {
                point = i
            } else {
                return Float(String(decoding: text, as: UTF8.self))
            }
        }
        guard point >= 0, text.count - point == 3 else { return Float(String(decoding: text, as: UTF8.self)) }
        let magnitude = Float(digits) / 100
        return negative ? -magnitude : magnitude
    }

    /// The pair that holds `code`, if any.
    func pair(of code: String) -> (first: [String], second: [String], weights: [String: Float])? {
        // The sides first: most text is in no pair, and the shipped words are then never read.
        guard let index = Self.shippedSides.firstIndex(where: { $0.first.contains(code) || $0.second.contains(code) }) else { return nil }
        return Self.shippedPairs[index]
    }

    /// Which language of `code`'s pair the words of `text` favour, and by how much (the summed
    /// log-ratio); nil when `code` is in no pair or no word of the text is in the lexicon. Of
    /// a side with several languages, `code` itself, else the first of them in `ranked`, else
    /// the side's first.
    public func decide(_ text: String, near code: String, ranked: [String] = []) -> (code: String, margin: Double)? {
        guard let pair = pair(of: code) else { return nil }
        let (sum, matched) = Self.latinSum(text, weights: pair.weights) ?? Self.sum(text, weights: pair.weights)
        guard matched > 0, sum != 0 else { return nil }
        let side = sum > 0 ? pair.second : pair.first
        let answer = side.contains(code) ? code : ranked.first { side.contains($0) } ?? side[0]
        return (answer, abs(sum))
    }

    /// The summed weights of the words of `text` in `weights` and how many matched: the words
    /// are the runs of characters whose first scalar is alphabetic in the lowercased text.
    static func sum(_ text: String, weights: [String: Float]) -> (sum: Double, matched: Int) {
        var sum = 0.0, matched = 0
        // A character is a letter when its first scalar is alphabetic (as `Character.isLetter`).
        let table = WordCharacterTable.shared
        for word in text.lowercased().split(whereSeparator: { !table.isAlphabetic($0.unicodeScalars.first!) }) {
            guard let weight = weights[String(word)] else { continue }
            sum += Double(weight)
            matched += 1
        }
        return (sum, matched)
    }

    /// `sum(_:weights:)` scalar by scalar, for text whose scalars are all `simple`: there each
    /// scalar is a character of its own and lowercases to one scalar. nil for other text.
    static func latinSum(_ text: String, weights: [String: Float]) -> (sum: Double, matched: Int)? {
        var sum = 0.0, matched = 0
        let table = WordCharacterTable.shared
        // The word's UTF-8, looked up as a string (a small one, not allocated, for most words).
        var word: [UInt8] = []
        word.reserveCapacity(64)
        func flush() {
            guard !word.isEmpty else { return }
            if let weight = weights[String(decoding: word, as: UTF8.self)] {
                sum += Double(weight)
                matched += 1
            }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            var v = scalar.value
            guard Self.simple(v) else { return nil }
            if v < 0x80 {
                if v >= 0x41 && v <= 0x5A { v |= 0x20 }
                if (v >= 0x61 && v <= 0x7A) || table.isAlphabetic(Unicode.Scalar(UInt8(v))) {
                    word.append(UInt8(v))
                } else {
                    flush()
                }
                continue
            }
            if table.role(v) == .upper {
                var lower: [UInt32] = []
                table.lowercased(v) { lower.append($0) }
                guard lower.count == 1 else { return nil }
                v = lower[0]
            }
            let lowered = Unicode.Scalar(v)!
            if table.isAlphabetic(lowered) { word.append(contentsOf: UTF8.encode(lowered)!) } else { flush() }
        }
        flush()
        return (sum, matched)
    }

    /// Latin letters below U+0250 but U+0130 (which lowercases to two scalars), general
    /// punctuation but the zero-width joiner and non-joiner (which extend a character), and
    /// currency signs: Danish, Norwegian and Serbo-Croatian text with its quotes and dashes.
    /// None of them joins another scalar into one character.
    @inline(__always)
    static func simple(_ v: UInt32) -> Bool {
        v < 0x250 ? v != 0x130 : (v >= 0x2000 && v < 0x2070 && v != 0x200C && v != 0x200D) || (v >= 0x20A0 && v < 0x20D0)
    }
}
