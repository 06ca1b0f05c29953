import CorpusCleanCore
import CTextKit
import Foundation

/// Tells two close languages apart by their words: each word of the text adds the log of the
/// ratio of its frequencies in the two languages (Norwegian Bokmål and Danish, from word lists
/// of running text: wordfreq's Wikipedia, subtitles, news, web; see scripts/language-lexicon/),
/// or a fixed weight for a word of one side of a systematic difference (Serbian's ekavian
/// *vreme, mesto* against Croatian and Bosnian ijekavian *vrijeme, mjesto*; the Serbian words
/// that Bosnian shares and Croatian does not, *tačka, hemija, evropski*, for Bosnian).
/// A language may be in several pairs (Croatian, Bosnian), each asked in turn. Where a character
/// model trained on interface strings flips a coin (Danish `hvad`, `efter`, `nogle`; Bokmål
/// `hva`, `etter`, `noen`), these words decide.
public struct PairLexicon: Sendable {
    /// The lexicon compiled into the binary (Sources/CTextKit/pair_lexicon.txt). Its words
    /// are indexed when a document of one of its languages first needs them (a table of their
    /// places in the compiled-in bytes: 15 M instructions), not when a stage is built.
    public static let shipped = PairLexicon()

    /// A pair of the lexicon: its two sides (a side may hold several languages, `hr` and `bs`,
    /// that the words do not tell apart) and the weights of its words,
    /// ln(P_second(word) / P_first(word)).
    struct Pair: Sendable {
        let first: [String]
        let second: [String]
        let words: LexiconWords
    }

    /// The sides of the shipped pairs and where their words are in the shipped bytes.
    private static let shippedSections = sections(shippedBytes)
    /// The shipped pairs.
    private static let shippedPairs = shippedSections.map {
        Pair(first: $0.first, second: $0.second, words: LexiconWords(shippedBytes, lines: $0.lines, count: $0.count))
    }

    private static var shippedBytes: UnsafeBufferPointer<UInt8> {
        var length = 0
        let bytes = ctk_pair_lexicon(&length)
        return UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : length)
    }

    private init() {}

    /// The pairs of the generator's format: each `pair A B` line (a side may be `A+C`) with the
    /// bytes of the lines after it up to the next such line (`word<TAB>weight` lines) and their
    /// count. Lines end at LF (the generator writes no CR).
    private static func sections(_ bytes: UnsafeBufferPointer<UInt8>)
        -> [(first: [String], second: [String], lines: Range<Int>, count: Int)] {
        var sections: [(first: [String], second: [String], lines: Range<Int>, count: Int)] = []
        var start = 0
        while start < bytes.count {
            var end = bytes.count
            if let newline = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) {
                end = bytes.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if line.first == 0x70, line.starts(with: "pair ".utf8) {
                let sides = String(decoding: line, as: UTF8.self).split(separator: " ")
                    .map { $0.split(separator: "+").map(String.init) }
                if sides.count == 3 {
                    if let last = sections.indices.last { sections[last].lines = sections[last].lines.lowerBound..<start }
                    sections.append((sides[1], sides[2], min(end + 1, bytes.count)..<bytes.count, 0))
                }
            } else if let last = sections.indices.last {
                sections[last].count += 1
            }
            start = end + 1
        }
        return sections
    }

    /// The number of a weight: `-?[0-9]+.[0-9][0-9]` (the generator's format) read as the
    /// digits over 100, which IEEE division rounds as `Float(_:)` rounds the decimal, without
    /// a trip through `strtof` (a fifth of reading the lexicon); other text as `Float(_:)` reads it.
    static func weight(_ text: UnsafeBufferPointer<UInt8>) -> Float? {
        let negative = text.first == 0x2D
        var digits: Int32 = 0, count = 0, point = -1
        for i in (negative ? 1 : 0)..<text.count {
            let b = text[i]
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

    /// The number of pairs, which `decide(utf8:near:ranked:pair:)` takes in the lexicon's order.
    var pairCount: Int { Self.shippedSections.count }

    /// Whether the pair at `index` holds `code` (the sides only: most text is in no pair, and
    /// the shipped words are then never read).
    func holds(_ index: Int, _ code: String) -> Bool {
        Self.shippedSections[index].first.contains(code) || Self.shippedSections[index].second.contains(code)
    }

    /// The pair at `index`, in the lexicon's order.
    func pair(at index: Int) -> Pair { Self.shippedPairs[index] }

    /// The first pair that holds `code`, if any.
    func pair(of code: String) -> Pair? {
        (0..<pairCount).first { holds($0, code) }.map(pair(at:))
    }

    /// Which language of `code`'s first pair the words of `text` favour, and by how much (the
    /// summed log-ratio); nil when `code` is in no pair or no word of the text is in the
    /// lexicon. Of a side with several languages, `code` itself, else the first of them in
    /// `ranked`, else the side's first.
    public func decide(_ text: String, near code: String, ranked: [String] = []) -> (code: String, margin: Double)? {
        guard let index = (0..<pairCount).first(where: { holds($0, code) }) else { return nil }
        return text.withUTF8Bytes { decide(utf8: $0, near: code, ranked: ranked, pair: index) }
    }

    /// `decide(_:near:ranked:)` of the text whose UTF-8 (valid) is `bytes` by the pair at
    /// `index` (nil when it does not hold `code`).
    func decide(utf8 bytes: UnsafeBufferPointer<UInt8>, near code: String, ranked: [String] = [],
                pair index: Int) -> (code: String, margin: Double)? {
        guard holds(index, code) else { return nil }
        let pair = pair(at: index)
        let (sum, matched) = Self.latinSum(bytes, words: pair.words)
            ?? Self.sum(String(decoding: bytes, as: UTF8.self), words: pair.words)
        guard matched > 0, sum != 0 else { return nil }
        let side = sum > 0 ? pair.second : pair.first
        let answer = side.contains(code) ? code : ranked.first { side.contains($0) } ?? side[0]
        return (answer, abs(sum))
    }

    /// The summed weights of the words of `text` in `words` and how many matched: the words
    /// are the runs of characters whose first scalar is alphabetic in the lowercased text,
    /// each found as a string equal to it is (its canonical composition: the lexicon's words
    /// are composed, and a word of scalars below U+0300 is its own).
    static func sum(_ text: String, words: LexiconWords) -> (sum: Double, matched: Int) {
        var sum = 0.0, matched = 0
        // A character is a letter when its first scalar is alphabetic (as `Character.isLetter`).
        let table = WordCharacterTable.shared
        for word in text.lowercased().split(whereSeparator: { !table.isAlphabetic($0.unicodeScalars.first!) }) {
            var word = String(word)
            if word.utf8.contains(where: { $0 >= 0xCC }) { word = word.precomposedStringWithCanonicalMapping }
            guard let weight = word.withUTF8({ words.weight(of: $0) }) else { continue }
            sum += Double(weight)
            matched += 1
        }
        return (sum, matched)
    }

    /// `sum(_:words:)` scalar by scalar, for UTF-8 text whose scalars are all `simple`: there
    /// each scalar is a character of its own and lowercases to one scalar, and a word is its
    /// own canonical composition. nil for other text.
    static func latinSum(_ bytes: UnsafeBufferPointer<UInt8>, words: LexiconWords) -> (sum: Double, matched: Int)? {
        let table = WordCharacterTable.shared
        // The lowered words lie one after the other: a lowered scalar takes at most three
        // bytes, one more than the two of a simple one. A word ends at a byte or more that is
        // no letter, so there are at most half the bytes and one words.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * bytes.count + 4) { text in
            withUnsafeTemporaryAllocation(of: LexiconWordPlace.self, capacity: bytes.count / 2 + 2) { places in
                var count = 0, start = 0, length = 0
                func flush() {
                    guard length > start else { return }
                    places.initializeElement(at: count, to: LexiconWordPlace(start: Int32(start), length: Int32(length - start)))
                    count += 1
                    start = length
                }
                var i = 0
                while i < bytes.count {
                    let lead = bytes[i]
                    if lead < 0x80 {
                        var v = lead
                        if v >= 0x41 && v <= 0x5A { v |= 0x20 }
                        if (v >= 0x61 && v <= 0x7A) || table.isAlphabetic(Unicode.Scalar(v)) {
                            text[length] = v
                            length += 1
                        } else {
                            flush()
                        }
                        i += 1
                        continue
                    }
                    let (scalar, n) = UTF8Decoding.scalar(bytes, at: i)
                    i += n
                    var v = scalar.value
                    guard Self.simple(v) else { return nil }
                    if table.role(v) == .upper {
                        var lowered = 0
                        table.lowercased(v) {
                            v = $0
                            lowered += 1
                        }
                        guard lowered == 1 else { return nil }
                    }
                    let lower = Unicode.Scalar(v)!
                    if table.isAlphabetic(lower) {
                        for b in UTF8.encode(lower)! {
                            text[length] = b
                            length += 1
                        }
                    } else {
                        flush()
                    }
                }
                flush()
                return words.sum(UnsafeMutableBufferPointer(rebasing: places[..<count]),
                                 in: UnsafePointer(text.baseAddress!))
            }
        }
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
