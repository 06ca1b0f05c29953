import CTextKit
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// Mojibake whose undefined Windows-1252 byte was lost (`LostByteRepair`), through the
/// normalize stage: UTF-8 read by a decoder that drops 0x81, 0x8D, 0x8F, 0x90 and 0x9D.
@Suite struct LostByteRepairTests {
    let stage = NormalizeStage(options: .defaults)

    @Test(arguments: [
        // The 0x81 of の and は (and the 0x9D of 東) lost.
        ("å¤§é˜ªã®å¤©æ°—ã¯æ™´ã‚Œã€‚æ±äº¬ã®å¤©æ°—ã¯é›¨", "大阪の天気は晴れ。東京の天気は雨"),
        // The same, the undefined bytes written as U+FFFD: where the byte was.
        ("å¤§é˜ªã\u{FFFD}®å¤©æ°—ã\u{FFFD}¯æ™´ã‚Œã€‚æ\u{FFFD}±äº¬ã\u{FFFD}®å¤©æ°—ã\u{FFFD}¯é›¨", "大阪の天気は晴れ。東京の天気は雨"),
        // The 0x81 of ρ lost: "Ï" before "Î±" reads as ρ, ύ, Ϗ, ϐ or ϝ; ρ is the frequent one in Greek.
        ("Î— ÏƒÏ…Î½Î¬Î½Ï„Î·ÏƒÎ· ÏƒÏ„Î¿ ÏƒÏ€Î¯Ï„Î¹ Î¼Î±Ï‚ Î®Ï„Î±Î½ Ï‰ÏÎ±Î¯Î±", "Η συνάντηση στο σπίτι μας ήταν ωραία"),
    ])
    func restoresTheReadingFrequentInTheTextsLanguage(_ broken: String, _ expected: String) {
        let (text, report) = TestSupport.run(stage, broken)
        #expect(text == expected)
        #expect((report.fixes["lost_byte"] ?? 0) >= 1)
    }

    /// A site whose lost byte is marked with U+FFFD and that has no clear reading ("ã€�": the
    /// ideographic comma and four brackets, punctuation, which the shares do not cover) is one
    /// U+FFFD, as ftfy's lossy-sequence rule gives; a site that is not marked stays.
    @Test func leavesAMarkedSiteWithoutAReadingAsOneReplacementCharacter() {
        let repaired = MojibakeRepair.repair("東京ã€\u{FFFD}大阪 cafÃ© ã€\u{FFFD}")
        #expect(repaired.text == "東京\u{FFFD}大阪 café \u{FFFD}")
        #expect(repaired.fixes == 3)
        #expect(repaired.lostBytes == 0)
        let unmarked = MojibakeRepair.repair("東京ã€大阪 cafÃ© ã€")
        #expect(unmarked.text == "東京ã€大阪 café ã€")
    }

    /// A two-byte lead before U+FFFD that is a frequent letter of the text's languages, and
    /// one the text has elsewhere, is that letter before a lost character ("GRÜ�E" in German
    /// text), not a site to make one U+FFFD; where the text has it nowhere else it is one.
    @Test func keepsAFrequentLetterBeforeAReplacementCharacter() {
        let broken = "Das ist schÃ¶n und gut. Über GRÜ\u{FFFD}E aus Berlin."
        #expect(MojibakeRepair.repair(broken).text == "Das ist schön und gut. Über GRÜ\u{FFFD}E aus Berlin.")
        let alone = "Das ist schÃ¶n und gut. Aus Berlin GRÜ\u{FFFD}E."
        #expect(MojibakeRepair.repair(alone).text == "Das ist schön und gut. Aus Berlin GR\u{FFFD}E.")
        let afterLowerCase = "Das ist schÃ¶n und gut. Über GrÜ\u{FFFD}e aus Berlin."
        #expect(MojibakeRepair.repair(afterLowerCase).text == "Das ist schön und gut. Über Gr\u{FFFD}e aus Berlin.")
    }

    /// A Latin word in Japanese text with a repair elsewhere: é before ’, ” or NBSP reads as a
    /// kanji too (E9 + an undefined byte + the quote's byte), but it touches no Japanese letter.
    @Test func keepsALatinWordInTextOfAnotherScript() {
        let broken = "ã‚«ãƒ•ã‚§ã®名前は café’s と “café” です"
        let (text, report) = TestSupport.run(stage, broken)
        #expect(text == "カフェの名前は café’s と “café” です")
        #expect(report.fixes["lost_byte"] == 1)
    }

    /// A reading the text has elsewhere is taken: "Ñ" before a space is с or я; с is in "вас".
    @Test func takesTheReadingTheTextHasElsewhere() {
        let broken = "Ð”Ð¾Ð±Ñ€Ñ‹Ð¹ Ð²ÐµÑ‡ÐµÑ€, Ð²Ð°Ñ Ð²Ð°Ñ\u{81}"
        let (text, report) = TestSupport.run(stage, broken)
        #expect(text == "Добрый вечер, вас вас")
        #expect(report.fixes["lost_byte"] == 1)
    }

    /// The lone letter of a site is a letter of the text's language: Ä in German, Ã in Portuguese.
    @Test(arguments: [
        ("Ärger mit dem cafÃ© Ã¼ber", "Ärger mit dem café über"),
        ("SÃO PAULO: o cafÃ© Ã© bom e a promoÃ§Ã£o acabou", "SÃO PAULO: o café é bom e a promoção acabou"),
    ])
    func keepsALoneLetterOfTheTextsLanguage(_ broken: String, _ expected: String) {
        #expect(TestSupport.run(stage, broken).0 == expected)
    }

    /// Nothing else in the text was mojibake: a site is not looked for.
    @Test func touchesNothingInATextWithoutOtherRepairs() {
        for clean in ["Äkta vara", "Hotel Ãbidos ã® Ðx", "SÃO PAULO — Ãrea de serviço"] {
            let (text, report) = TestSupport.run(stage, clean)
            #expect(text == clean)
            #expect(report.fixes["mojibake"] == nil)
        }
    }

    /// "Ñ" before a space reads as с or я (and э, ѐ, ѝ), both frequent in Russian: no guess.
    @Test func leavesASiteWhoseReadingsAreEquallyLikely() {
        let broken = "Ð”Ð¾Ð±Ñ€Ñ‹Ð¹ Ð²ÐµÑ‡ÐµÑ€, ÐºÐ°Ðº Ð´ÐµÐ»Ð° Ñƒ Ð²Ð°Ñ ÑÐµÐ³Ð¾Ð´Ð½Ñ"
        #expect(TestSupport.run(stage, broken).0 == "Добрый вечер, как дела у ваÑ ÑегоднÑ")
    }

    @Test func parsesTheCompiledTable() {
        let letters = LostByteLetters.compiled
        #expect(letters.languages >= 40)
        #expect(letters.candidateCount >= 1000)
        // ρ (CF 81) is among the candidates; α (CE B1) is a context letter of Greek.
        #expect(letters.share(of: 0x3C1, in: 0) > 0.01)
        #expect(letters.mask(of: 0x3B1) != 0)
        // Bytes that are not the table, or are cut short, are refused.
        let garbage: [UInt8] = Array("LBL1".utf8) + [UInt8](repeating: 0xFF, count: 40)
        garbage.withUnsafeBytes { #expect(LostByteLetters($0) == nil) }
        var length = 0
        let base = ctk_lost_byte_letters(&length)!
        #expect(LostByteLetters(UnsafeRawBufferPointer(start: base, count: length - 8)) == nil)
    }
}
