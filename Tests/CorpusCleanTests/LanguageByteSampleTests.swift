import CTextKit
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// The language stage's samples cut as bytes: the bytes of the string samples, a NUL past the
/// end for CLD2, and the byte paths that read them.
@Suite struct LanguageByteSampleTests {
    /// Lines of several scripts and lengths, so that slices start after line breaks and inside
    /// multi-byte characters.
    static let text = (0..<400).map { i in
        ["Der Ausschuss traf sich am Dienstag.", "Комитет собрался во вторник, ђ и ѓ.", "委員会は火曜日に会合を開いた。",
         "Ο Ιούνιος είναι ζεστός.", String(repeating: "x", count: i % 7)][i % 5]
    }.joined(separator: "\n")

    @Test func byteSamplesAreTheStringSamplesWithANulPastTheEnd() {
        var text = Self.text
        for budget in [LanguageIdentifier.probeBytes, LanguageIdentifier.firstDetectionBytes, LanguageIdentifier.detectionBytes,
                       LanguageIdentifier.sampleBytes, 10 * Self.text.utf8.count] {
            let sample = text.withUTF8 { LanguageIdentifier.sample($0, bytes: budget) }
            #expect(sample == Array(LanguageIdentifier.sample(Self.text, bytes: budget).utf8))
            #expect(sample.withUnsafeBufferPointer { $0.baseAddress![$0.count] } == 0)
        }
    }

    @Test func byteDetectionIsTheStringDetection() {
        var text = Self.text
        let sample = text.withUTF8 { LanguageIdentifier.sample($0, bytes: LanguageIdentifier.firstDetectionBytes) }
        let bytes = sample.withUnsafeBufferPointer { CLD2.detect(utf8: $0, bestEffort: true) }
        let string = CLD2.detect(String(decoding: sample, as: UTF8.self), bestEffort: true)
        #expect(bytes.languages.map(\.code) == string.languages.map(\.code))
        #expect(bytes.languages.map(\.percent) == string.languages.map(\.percent))
        #expect(bytes.chunks.map(\.length) == string.chunks.map(\.length))
        let counts = sample.withUnsafeBufferPointer { ScriptLetters(utf8: $0) }
        let named = Dictionary(counts.named.map { ($0.name, $0.count) }, uniquingKeysWith: +)
        #expect((named["Jpan"] ?? 0) + (named["Hani"] ?? 0) + (named["Hira"] ?? 0) > 0)
        #expect(counts.letters > 0)
    }

    /// The script histogram's runs of three-byte letters read with BMI2 count what the portable
    /// runs count, on random runs broken by other characters and stray bytes (none checked, -1,
    /// where they cannot run).
    @Test(.enabled(if: ctk_script_histogram_checked(0, 0) >= 0, "needs BMI2, not capped by CORPUSCLEAN_CPU=portable"))
    func histogramRunsAreThePortableOnes() {
        #expect(ctk_script_histogram_checked(17, 200_000) == 0)
    }

    @Test func cyrillicLettersOfBytes() {
        #expect(LanguageIdentifier.cyrillicLetters(Array("ѓаволот и ќерката".utf8), near: "sr") == "mk")
        #expect(LanguageIdentifier.cyrillicLetters(Array("ђак и ћерка".utf8), near: "mk") == "sr")
        #expect(LanguageIdentifier.cyrillicLetters(Array("ђак и ќерка".utf8), near: "sr") == nil)
        #expect(LanguageIdentifier.cyrillicLetters(Array("ѓаволот".utf8), near: "ru") == nil)
    }

    @Test func oneScalarLowercaseIsTheMapping() {
        let table = WordCharacterTable.shared
        for v in UInt32(0)..<0x10000 where table.role(v) == .upper {
            var mapped: [UInt32] = []
            table.lowercased(v) { mapped.append($0) }
            if let lower = table.lowercase(of: v) { #expect(mapped == [lower]) }
        }
    }
}
