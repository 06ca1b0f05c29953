import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

@Suite struct NormalizeStageTests {
    let stage = NormalizeStage(options: .defaults)

    @Test func foldsLineEndsSpacesAndControls() {
        let (text, report) = TestSupport.run(stage, "a\r\nb\rc\u{00A0}d\u{2003}e\u{0007}f   \nlast\t")
        #expect(text == "a\nb\nc d ef\nlast")
        #expect(report.fixes["crlf"] == 1)
        #expect(report.fixes["cr"] == 1)
        #expect(report.fixes["nbsp"] == 1)
        #expect(report.fixes["unicode_space"] == 1)
        #expect(report.fixes["control"] == 1)
        #expect(report.fixes["trailing_space"] == 2)
    }

    @Test func removesInvisibleFormatCharactersButKeepsJoiners() {
        let (text, report) = TestSupport.run(stage, "\u{FEFF}zero\u{200B}width soft\u{00AD}hyphen \u{200E}mark \u{202A}x\u{202C}")
        #expect(text == "zerowidth softhyphen mark x")
        #expect(report.fixes["bom"] == 1)
        #expect(report.fixes["soft_hyphen"] == 1)
        #expect(report.fixes["format_character"] == 4)
        let persian = "می\u{200C}خواهم \u{202A}.desktop\u{202C} \u{200F}"
        #expect(TestSupport.run(stage, persian).text == persian)
    }

    @Test func decodesEntitiesOnce() {
        let (text, report) = TestSupport.run(stage, "Tom &amp; Jerry &#39;s &#x263A; &amp;amp; &nbsp;x &notanentity; &#150;")
        #expect(text == "Tom & Jerry 's ☺ &amp;  x &notanentity; –")
        #expect(report.fixes["html_entity"] == 6)
    }

    @Test func stripsTerminalEscapes() {
        let (text, _) = TestSupport.run(stage, "\u{1B}[31mred\u{1B}[0m text")
        #expect(text == "red text")
    }

    @Test func composesToNFC() {
        let decomposed = "Cafe\u{0301} Ångstro\u{0308}m"
        let (text, report) = TestSupport.run(stage, decomposed)
        #expect(Array(text.unicodeScalars) == Array("Café Ångström".unicodeScalars))
        #expect(report.fixes["normalization_form"] == 1)
    }

    @Test func nfkcFoldsCompatibilityCharacters() throws {
        let config = try TestSupport.config(#"{"normalize": {"form": "NFKC"}}"#)
        let (text, _) = TestSupport.run(NormalizeStage(options: config[NormalizeStage.self]), "ﬁle ① ｆｕｌｌ")
        #expect(text == "file 1 full")
    }

    @Test func leavesCleanTextInManyScriptsAlone() {
        let samples = ["Ação não é só português.", "Türkçe ığüşöç İstanbul", "Tiếng Việt có dấu",
                       "Ελληνικά κείμενα", "Русский текст", "日本語の文章です。", "中文文本", "한국어 문장", "עברית", "العربية"]
        for sample in samples {
            let (text, report) = TestSupport.run(stage, sample)
            #expect(text == sample)
            #expect(report.fixes.isEmpty)
        }
    }

    @Test func seedsLoseNoLettersToNormalization() throws {
        for name in TestSupport.seedNames {
            let original = try TestSupport.seedText(name)
            let (text, _) = TestSupport.run(stage, original)
            let letters = { (s: String) in s.unicodeScalars.filter { $0.properties.isAlphabetic }.count }
            #expect(letters(text) == letters(original))
        }
    }
}
