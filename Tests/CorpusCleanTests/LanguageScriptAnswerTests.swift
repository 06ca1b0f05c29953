import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The short cuts of the language stage's speed: a script that only one language writes
/// answers without CLD2 or the model, and CLD2 reads 1 KB first.
@Suite struct LanguageScriptAnswerTests {
    static let japanese = "委員会は火曜日に会合を開き、来年度の予算について話し合い、ほとんどの委員が提案に賛成した。"
    static let english = "The committee met on Tuesday to discuss the budget for the coming year, and most members agreed."

    @Test func aScriptOfOneLanguageAnswersAlone() {
        for (text, code, script) in [(Self.japanese, "ja", "Jpan"), ("서울은 대한민국의 수도이며 가장 큰 도시이다.", "ko", "Hang"),
                                     ("กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย", "th", "Thai")] {
            let result = LanguageIdentifier(bestEffort: true).identify(text)
            #expect(result.code == code)
            #expect(result.script == script)
            #expect(result.top.map(\.code) == [code])
            #expect(result.spans.map(\.code) == [code])
            #expect(result.reliable)
            #expect(abs(result.confidence - 0.95) < 1e-9)
        }
    }

    @Test func otherLettersKeepCLD2AndTheirSpans() {
        // English holds more than 10% of the weighted letters: CLD2 reads it and names it in the spans.
        let text = Self.japanese + "\n" + Self.english
        let result = LanguageIdentifier(bestEffort: true).identify(text)
        #expect(result.code == "ja")
        #expect(result.spans.map(\.code).contains("en"))
        #expect(result.confidence < 0.95)
    }

    @Test func fewOtherLettersAreUnknownSpans() {
        let text = String(repeating: Self.japanese, count: 4) + " (NHK)"
        let result = LanguageIdentifier(bestEffort: true).identify(text)
        #expect(result.code == "ja")
        #expect(result.spans.map(\.code) == ["ja", "und"])
        #expect(!result.mixed)
    }

    @Test func closeGroupsReadTheLongerSample() {
        let croatian = "Hrvatski sabor je donio novi zakon o zaštiti okoliša, a ministarstvo je najavilo provedbu sljedeće godine. "
        let text = String(repeating: croatian, count: 40)
        #expect(text.utf8.count > LanguageIdentifier.detectionBytes)
        let detection = CLD2.detect(LanguageIdentifier.sample(text, bytes: LanguageIdentifier.firstDetectionBytes), bestEffort: true)
        #expect(LanguageIdentifier.inCloseGroup(detection))
        let result = LanguageIdentifier(bestEffort: true).identify(text)
        #expect(["hr", "bs", "sr"].contains(result.code))
        #expect(result.pair == "bs/hr/sr")
        let english = CLD2.detect(String(repeating: Self.english + " ", count: 20), bestEffort: true)
        #expect(!LanguageIdentifier.inCloseGroup(english))
    }
}
