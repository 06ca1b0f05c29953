import CTextKit
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// The language stage's cheaper paths give what the plain ones give: the C letter count
/// against ICU's properties one scalar at a time, and the per-line languages that stop reading
/// lines once the document cannot be mixed.
@Suite struct LanguageCostTests {
    /// Text whose runs of ASCII, two-byte, three-byte and four-byte letters start and end at
    /// every offset of the 16-byte blocks, scripts switching and lone spaces within runs of
    /// two-byte letters, and texts ending inside and right after a three-byte letter.
    static let texts: [String] = {
        let pieces = ["a", "Ab", "the quick brown fox ", "1234 ", "é", "ü", "Ж", "ä!", "日本", "語", "かな", "カ", "한", "ไทย",
                      "😀", "𝐀", "𠀋", "\u{301}", "、", "\n", "ΑΒγ", "  ", "\u{0}", "\u{7F}", "\u{80}", "ß",
                      " ", "жук жил", "ω", "ש ם"]
        var texts: [String] = []
        var seed: UInt64 = 1
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<(Int(seed % 40) + 1) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(seed >> 33) % pieces.count]
            }
            texts.append(text)
        }
        return texts + pieces + ["日本語", "x日本語", "xy日本語", "abcdefghijklmnopqrstuvwxyz日", String(repeating: "A", count: 300)]
    }()

    @Test func letterCountsAreICUsLettersOneScalarAtATime() {
        for text in Self.texts {
            #expect(Script.letterCounts(text) == Script.histogram(Substring(text)), "\(text.debugDescription)")
        }
    }

    @Test func lineLanguagesStopWhenTheDocumentCannotBeMixed() {
        let english = LanguageStageTests.samples[0].1, russian = LanguageStageTests.samples[4].1
        let identifier = LanguageIdentifier(bestEffort: true)
        var few = ([russian] + Array(repeating: english, count: 8)).joined(separator: "\n")
        #expect(few.withUTF8 { identifier.lineLanguages(utf8: $0, documentCode: "en") }.isEmpty)
        #expect(identifier.identify(few).mixed == false)
        var many = [english, russian, russian, english].joined(separator: "\n")
        #expect(many.withUTF8 { identifier.lineLanguages(utf8: $0, documentCode: "en") }.map(\.code) == ["en", "ru", "en"])
    }

    /// A Japanese text with a fifth of its letters in English lines that the 1 KB sample holds
    /// and the 512-byte probe misses: the script decides the language, and CLD2 reads the
    /// 1 KB sample, not the probe (which stood, with no English span).
    @Test func whenTheScriptDecidesCLD2ReadsTheSampleNotTheProbe() {
        let ja = "委員会は火曜日に会合を開き、来年度の予算について話し合い、ほとんどの委員が提案に賛成した。"
        let short = "委員会は火曜日に会合を開いた。"
        let en = "The committee met on Tuesday to discuss the budget for the coming year and agreed."
        let text = ([ja, short, en, en] + Array(repeating: ja, count: 14) + [en, en, short, ja]).joined(separator: "\n")
        let result = LanguageIdentifier(bestEffort: true).identify(text)
        #expect(result.code == "ja")
        #expect(result.spans.contains { $0.code == "en" && $0.share > 0.1 })
    }
    /// The switch that finds a code's close group agrees with `closeGroups` and `groups` for every
    /// code CLD2 can answer (the three would otherwise drift apart).
    @Test func closeGroupSwitchAgreesWithTheSets() {
        let codes = Set((0..<ctk_cld2_language_count()).compactMap { ctk_cld2_recognized_language($0).map { LanguageCodes.iso(String(cString: $0)) } })
        #expect(codes.count > 80)
        for code in codes.union(LanguageIdentifier.closeGroups.flatMap { $0 }) {
            let place = LanguageIdentifier.closeGroups.firstIndex { $0.contains(code) }
            #expect(LanguageIdentifier.closeGroup(of: code) == place, "\(code)")
            if let place, place < LanguageIdentifier.groups.count {
                #expect(LanguageIdentifier.groups[place].codes == LanguageIdentifier.closeGroups[place])
            }
        }
    }
}
