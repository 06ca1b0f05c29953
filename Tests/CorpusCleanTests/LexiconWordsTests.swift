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
        var differing: [String] = [], read = 0
        for line in text.split(separator: "\n") {
            if line.hasPrefix("pair ") {
                let code = String(line.split(separator: " ")[1].split(separator: "+")[0])
                words = try #require(PairLexicon.shipped.pair(of: code)).words
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
        let pairs = try ["da", "sr"].map { try #require(PairLexicon.shipped.pair(of: $0)).words.count }
        #expect(pairs.reduce(0, +) == read, "no word twice, none lost")
    }

    @Test func wordsOutsideTheLexiconAreNotFound() throws {
        let words = try #require(PairLexicon.shipped.pair(of: "da")).words
        for text in ["zzzzq", "", "åpnex", "hvadx", String(repeating: "a", count: 300)] {
            var text = text
            #expect(text.withUTF8 { words.weight(of: $0) } == nil, "\(text)")
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
