import CTextKit
import Testing
@testable import CorpusCleanStages

/// The pair lexicon's words found by their bytes: every shipped word with the weight of its
/// line, no other word, and a word written with combining marks as its composed form (as a
/// dictionary of strings found it).
@Suite struct LexiconWordsTests {
    @Test func everyShippedWordHasTheWeightOfItsLine() throws {
        var length = 0
        let bytes = try #require(ctk_pair_lexicon(&length))
        let text = String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
        var words: LexiconWords?
        var differing: [String] = [], read = 0, pairs = 0
        for line in text.split(separator: "\n") {
            if line.hasPrefix("pair ") {
                words = PairLexicon.shipped.pair(at: pairs).words
                pairs += 1
                continue
            }
            let fields = line.split(separator: "\t")
            let expected = try #require(Float(String(fields[1])))
            var word = String(fields[0])
            let found = word.withUTF8 { words?.weight(of: $0) }
            if found?.bitPattern != expected.bitPattern { differing.append(word) }
            read += 1
        }
        #expect(read > 39_000)
        #expect(differing.isEmpty, "\(differing.prefix(10))")
        #expect(pairs == PairLexicon.shipped.pairCount)
        let counts = (0..<pairs).map { PairLexicon.shipped.pair(at: $0).words.count }
        #expect(counts.reduce(0, +) == read, "no word twice in a pair, none lost")
    }

    @Test func wordsOutsideTheLexiconAreNotFound() throws {
        let words = try #require(PairLexicon.shipped.pair(of: "da")).words
        for text in ["zzzzq", "", "åpnex", "hvadx", String(repeating: "a", count: 300)] {
            var text = text
            #expect(text.withUTF8 { words.weight(of: $0) } == nil, "\(text)")
        }
    }

    /// `sum(_:in:)` looks words up in three passes: its sum and count are those of `weight(of:)`
    /// word by word, added in order, on words of the lexicon, others, empty and too long ones.
    @Test func aBatchOfWordsSumsAsTheWordsOneByOne() throws {
        var length = 0
        let bytes = try #require(ctk_pair_lexicon(&length))
        let lines = String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self).split(separator: "\n")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func draw() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for code in ["da", "sr"] {
            let words = try #require(PairLexicon.shipped.pair(of: code)).words
            for _ in 0..<200 {
                var text: [UInt8] = [], ranges: [Range<Int>] = []
                for _ in 0..<(draw() % 300) {
                    let kind = draw() % 10
                    var word: [UInt8]
                    if kind < 6 {
                        word = Array(lines[draw() % lines.count].prefix { $0 != "\t" }.utf8)
                    } else if kind < 8 {
                        word = Array("x\(draw() % 1000)q".utf8)
                    } else if kind == 8 {
                        word = []
                    } else {
                        word = [UInt8](repeatElement(0x61, count: 250 + draw() % 10))
                    }
                    ranges.append(text.count..<text.count + word.count)
                    text += word
                }
                var expected = 0.0, found = 0
                for range in ranges {
                    if let weight = text[range].withUnsafeBufferPointer({ words.weight(of: $0) }) {
                        expected += Double(weight)
                        found += 1
                    }
                }
                var places = ranges.map { LexiconWordPlace(start: Int32($0.lowerBound), length: Int32($0.count)) }
                let batch = text.withUnsafeBufferPointer { text in
                    places.withUnsafeMutableBufferPointer { words.sum($0, in: text.baseAddress ?? UnsafePointer(bitPattern: 1)!) }
                }
                #expect(batch.sum.bitPattern == expected.bitPattern && batch.matched == found)
            }
        }
    }

    /// The words of simple Latin text, lowered and looked up in a batch, sum as the words of
    /// the text split as strings do.
    @Test func latinWordsSumAsTheirStrings() throws {
        let words = try #require(PairLexicon.shipped.pair(of: "da")).words
        for text in ["Hvad skal vi gøre efter det? Nogle af dem kom – «hva» ETTER noen!", "Æble, ØL og Århus: 12 år",
                     "", "...", "en", "HVAD hvad Hvad hvad"] {
            let latin = try #require(text.withUTF8Bytes { PairLexicon.latinSum($0, words: words) })
            let strings = PairLexicon.sum(text, words: words)
            #expect(latin.sum.bitPattern == strings.sum.bitPattern && latin.matched == strings.matched, "\(text)")
        }
    }

    @Test func aWordOfCombiningMarksIsItsComposedForm() throws {
        let composed = try #require(PairLexicon.shipped.decide("Vi skal åpne døren.", near: "da"))
        let decomposed = try #require(PairLexicon.shipped.decide("Vi skal a\u{30A}pne døren.", near: "da"))
        #expect(composed.code == decomposed.code && composed.margin == decomposed.margin)
        #expect(PairLexicon.shipped.decide("a\u{30A}pne", near: "da")?.margin == PairLexicon.shipped.decide("åpne", near: "da")?.margin)
        #expect(PairLexicon.shipped.decide("åpne", near: "da")?.code == "nb")
    }
}
