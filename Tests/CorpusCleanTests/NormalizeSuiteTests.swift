import Foundation
import Testing
@testable import CorpusClean

/// The normalize stage against the suites in Tests/Data and Unicode's NormalizationTest.txt,
/// at the targets of the stage (the benchmark prints the same figures).
@Suite struct NormalizeSuiteTests {
    static func data(_ name: String) -> String { TestSupport.packageRoot.appendingPathComponent("Tests/Data/\(name)").path }

    static func report(_ score: NormalizeEvaluation.Score) -> Comment {
        Comment(rawValue: score.failures.prefix(10).map { "\($0.input) → \($0.got) (expected \($0.expected))" }.joined(separator: "\n"))
    }


    @Test(arguments: [NormalizationForm.nfc, .nfkc])
    func normalizationTestConformance(_ form: NormalizationForm) throws {
        let score = NormalizeEvaluation.conformance(try NormalizeEvaluation.normalizationTestText(), form: form)
        #expect(score.total > 19000)
        #expect(score.exact == score.total, Self.report(score))
    }

    @Test func repairsRealWorldMojibake() throws {
        let score = try NormalizeEvaluation.mojibake(Self.data("mojibake.jsonl"))
        #expect(score.total >= 90)
        #expect(score.percent >= 95, Self.report(score))
    }

    @Test func leavesCleanTextInThirtyLanguagesAlone() throws {
        let (score, languages) = try NormalizeEvaluation.cleanText(Self.data("clean-multilingual.jsonl"))
        #expect(languages >= 30)
        #expect(score.exact == score.total, Self.report(score))
    }

    @Test func cleansWebNoise() throws {
        let score = try NormalizeEvaluation.webNoise(Self.data("web-noise.jsonl"))
        #expect(score.percent >= 98, Self.report(score))
    }
}
