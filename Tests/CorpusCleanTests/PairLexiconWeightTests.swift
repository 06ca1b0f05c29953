import CTextKit
import Testing
@testable import CorpusCleanStages

/// The lexicon's weights read digit by digit are the floats `Float(_:)` reads from the same
/// text: every weight of the shipped lexicon, and forms the generator does not write.
@Suite struct PairLexiconWeightTests {
    static func weight(_ text: String) -> Float? {
        var text = text
        return text.withUTF8 { PairLexicon.weight($0) }
    }

    @Test func shippedWeightsReadAsFloatReadsThem() throws {
        var length = 0
        let bytes = try #require(ctk_pair_lexicon(&length))
        let text = String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
        var differing: [String] = [], read = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("pair ") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let field = String(line[line.index(after: tab)...])
            let expected = try #require(Float(field))
            if Self.weight(field)?.bitPattern != expected.bitPattern { differing.append(field) }
            read += 1
        }
        #expect(read > 30_000)
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    @Test(arguments: ["-0.00", "0.00", "12.34", "-6.00", "0.1", "1.2345", "1e2", "-", ".", "1.", "", "abc", "99999.99", "-0.07"])
    func otherFormsReadAsFloatReadsThem(_ field: String) {
        #expect(Self.weight(field)?.bitPattern == Float(field)?.bitPattern)
    }
}
