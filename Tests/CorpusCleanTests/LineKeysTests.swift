import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The corpus pre-pass's keys-only scan (`LineKeys`) against `LineScanner`, whose keys the
/// stage looks up: they must agree on every line, or shared lines go uncounted.
@Suite struct LineKeysTests {
    static func scannerKeys(_ text: String) -> [UInt64] {
        var text = text
        let keys = text.withUTF8 { LineScanner($0).lines.map(\.key) }
        return Array(Set(keys.filter { $0 != 0 })).sorted()
    }

    static func lineKeys(_ text: String) -> [UInt64] {
        var text = text
        return text.withUTF8 { LineKeys.distinct($0) }
    }

    @Test func agreesWithTheScannerOnTheSeedsAndTextInFortyLanguages() throws {
        let texts = try LineScanTests.seedsAndMultilingualTexts()
        #expect(texts.count > 40)
        for text in texts {
            #expect(Self.lineKeys(text) == Self.scannerKeys(text))
        }
    }

    @Test func agreesOnMixedScriptsDigitsMarksAndOddBytes() {
        let text = """
          Ünïcode ÉTÉ 2024 — «Ça va?»\t
        東京タワー 2024年 ＡＢＣ１２３ ok
        ภาษาไทย ไม่มีช่องว่าง and English
        हिन्दी शब्द, मराठी १२३ 😀 emoji👍🏽x
        Ελληνικά ΚΕΦΑΛΑΙΑ; Русский ТЕКСТ ёЁ
        \u{0301}leading mark, a\u{0308}b, ١٢٣ عربي
        ---  ...  |||
        abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ abc
        """
        #expect(Self.lineKeys(text) == Self.scannerKeys(text))
        #expect(Self.lineKeys(text).count == 7)
    }

    @Test func aLineKeyIgnoresCaseSpacingAndPunctuation() {
        #expect(Self.lineKeys("Share this: Facebook | Twitter") == Self.lineKeys("  SHARE THIS   facebook, twitter!"))
        #expect(Self.lineKeys("Share this: Facebook") != Self.lineKeys("Share this: Twitter"))
        #expect(Self.lineKeys("a\nb\na\n\n--\n") .count == 2)
    }
}
