import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// The C line scan (`ctk_line_scan` behind `LineScanner`, `ctk_line_keys` behind `LineKeys`)
/// against the Swift scan it replaced (`ReferenceLineScanner`): every measure of every line,
/// and the stopword masks, on the seeds, text in forty languages and random lines of the bytes
/// and scalars next to the ranges the scans test.
@Suite struct LineScanTests {
    /// Descriptions of the lines where the two scans differ (at most a few).
    static func differences(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            let scan = LineScanner(bytes)
            let reference = ReferenceLineScanner(bytes)
            var found: [String] = []
            if scan.masks != reference.masks { found.append("masks") }
            if scan.lines.count != reference.lines.count { return found + ["line count"] }
            for (k, (a, b)) in zip(scan.lines, reference.lines).enumerated() where found.count < 5 {
                let same = a.start == b.start && a.end == b.end && a.key == b.key && a.words == b.words
                    && a.letters == b.letters && a.unspacedLetters == b.unspacedLetters && a.separators == b.separators
                    && a.interfaceWords == b.interfaceWords && a.dateWords == b.dateWords && a.numbers == b.numbers
                    && a.stopwords == b.stopwords && a.script == b.script && a.secondScript == b.secondScript
                    && a.endsSentence == b.endsSentence && a.endsClause == b.endsClause && a.codeMark == b.codeMark
                    && a.mentionsCookies == b.mentionsCookies
                if !same { found.append("line \(k): \(a) against \(b)") }
            }
            let keys = Array(Set(reference.lines.map(\.key).filter { $0 != 0 })).sorted()
            if LineKeys.distinct(bytes) != keys { found.append("distinct keys") }
            return found
        }
    }

    /// The seeds and the texts of Tests/Data/clean-multilingual.jsonl (forty languages).
    static func seedsAndMultilingualTexts() throws -> [String] {
        var texts = try TestSupport.seedNames.map(TestSupport.seedText)
        let data = TestSupport.packageRoot.appendingPathComponent("Tests/Data/clean-multilingual.jsonl")
        for line in try String(contentsOf: data, encoding: .utf8).split(separator: "\n") {
            if case let .string(text)? = try JSONParser.parse(string: String(line))["text"] { texts.append(text) }
        }
        return texts
    }

    @Test func matchesTheReferenceOnTheSeedsAndTextInFortyLanguages() throws {
        let texts = try Self.seedsAndMultilingualTexts()
        #expect(texts.count > 40)
        for text in texts {
            #expect(Self.differences(text) == [])
        }
    }

    /// Random lines of letters, digits, white space, code marks, separators and closers, and of
    /// scalars of two, three and four bytes (cased Latin, Greek and Cyrillic, Han and kana, Thai,
    /// Devanagari with its marks, Arabic, Hangul, digits of other scripts, emoji), cut anywhere.
    @Test func matchesTheReferenceOnRandomLines() {
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let ascii = Array("aZ09 \t\r\n.,;:!?\"')]*{}\\=$#>([_-/<|".unicodeScalars)
        let others: [UInt32] = [0xC0, 0xC9, 0xD7, 0xDF, 0xE9, 0xF7, 0x100, 0x101, 0x139, 0x13A, 0x17D, 0x391, 0x3B1, 0x3C2,
                                0x400, 0x410, 0x430, 0x451, 0x5D0, 0x627, 0x661, 0x901, 0x915, 0x93F, 0x966, 0xE01,
                                0xE31, 0x2013, 0x2014, 0x201D, 0x2026, 0x203A, 0xBB, 0xA0, 0x3000, 0x3001, 0x3002,
                                0x3041, 0x30A1, 0x30FC, 0x4E00, 0x6F22, 0xAC00, 0xFF0C, 0xFF21, 0x1F600, 0x20000, 0x301]
        var mismatches: [String] = []
        for _ in 0..<3_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<next(60) {
                switch next(4) {
                case 0: scalars.append(ascii[next(ascii.count)])
                case 1: scalars.append(Unicode.Scalar(others[next(others.count)])!)
                default: scalars.append(Unicode.Scalar(UInt8(0x61 + next(26))))
                }
            }
            mismatches += Self.differences(String(scalars))
        }
        #expect(mismatches == [])
    }

    /// The hits per language over a text (`LineScanner.totals`, counted a nibble at a time in
    /// byte-wide counters) are the set bits of its masks, counted one by one, past 255 masks.
    @Test func totalsCountEveryLanguageBit() {
        var text = "the cat"
        var scan = text.withUTF8 { LineScanner($0) }
        var state: UInt64 = 5
        scan.masks = (0..<1_000).map { k in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Mostly one or two languages, and every bit of some masks.
            let bit = UInt32((state >> 33) % 23)
            return k % 97 == 0 ? Stopwords.languageBits : UInt32(1) << bit | UInt32(truncatingIfNeeded: state >> 40) & 0x41
        }
        var expected = [Int](repeating: 0, count: Stopwords.languages.count)
        for mask in scan.masks {
            for bit in expected.indices where mask >> bit & 1 == 1 { expected[bit] += 1 }
        }
        #expect(scan.totals == expected)
        #expect(expected.allSatisfy { $0 > 0 } && expected.max()! > 255)
    }
}
