import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Quality gate, `language`: Tests/Data/quality/language.jsonl, written for these tests in 32
/// languages (close groups among them: ms/id, bs/hr/sr, da/nb/nn, cs/sk, es/gl/pt; Serbian in
/// Latin script): 89 sentences, 84 word pairs and 42 short documents (two to four sentences).
/// Each goes through `LanguageStage` at its defaults; an answer is right when its code is the
/// gold `lang`.
///
/// Floors = the counts of right answers measured when the gate was set
/// (`swift test --filter QualityGate`): sentences 87 of 89, word pairs 74 of 84, documents 41
/// of 42. The misses: Bosnian read as Croatian or Serbian Latin as Bosnian (sentences and a
/// document); word pairs en/nl→af, nn→nb, fi→et, bs→hr/ms, id→ms/eo, ms→ca, uk→mk.
@Suite struct QualityGateLanguageTests {
    static let floors: [String: Int] = ["sentence": 87, "pair": 74, "document": 41]

    @Test(arguments: ["sentence", "pair", "document"])
    func identifiesTheLanguage(_ size: String) throws {
        let stage = LanguageStage(options: .defaults)
        let items = try QualityGate.records("language.jsonl").filter { $0["size"]?.stringValue == size }
        #expect(!items.isEmpty)
        var right = 0
        var misses: [String] = []
        for item in items {
            let gold = item["lang"]?.stringValue ?? "", text = item["text"]?.stringValue ?? ""
            let answer = TestSupport.run(stage, text).report.language?.code ?? "none"
            if answer == gold {
                right += 1
            } else {
                misses.append("\(gold)→\(answer): \(text.prefix(60))")
            }
        }
        QualityGate.expect("language \(size)s right of \(items.count)", measured: Double(right),
                           floor: Double(Self.floors[size] ?? items.count), misses: misses)
    }
}
