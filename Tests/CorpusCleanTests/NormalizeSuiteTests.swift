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

    /// Generated mojibake, held-out half (languages not looked at while tuning): the stage
    /// must give back the text before it was broken, or ftfy's answer, in 97% of the cases.
    @Test func repairsGeneratedMojibakeInEveryCodePage() throws {
        let path = Self.data("repair/generated.jsonl")
        let cases = try NormalizeEvaluation.records(path).filter { $0["half"]?.stringValue == "held-out" }
        var either = 0
        for r in cases {
            let got = NormalizeEvaluation.run(r["broken"]?.stringValue ?? "", options: NormalizeEvaluation.repairOnly).0
            if got == r["original"]?.stringValue || got == r["expected"]?.stringValue { either += 1 }
        }
        #expect(cases.count > 2000)
        #expect(Double(either) >= 0.97 * Double(cases.count), "\(either) of \(cases.count)")
        let (ftfy, original) = try NormalizeEvaluation.repairSuite(path, half: "held-out")
        #expect(original.percent >= 96.5, Self.report(original))
        #expect(ftfy.percent >= 70, Self.report(ftfy))
    }

    @Test func repairsRealCases() throws {
        let (ftfy, original) = try NormalizeEvaluation.repairSuite(Self.data("repair/real.jsonl"))
        #expect(ftfy.total >= 40)
        #expect(original.exact >= 38, Self.report(original))
    }

    @Test func leavesCleanLinesInNinetyLanguagesAlone() throws {
        let (score, languages) = try NormalizeEvaluation.cleanText(Self.data("repair/clean.jsonl"))
        #expect(score.total >= 5000)
        #expect(languages >= 40)
        #expect(score.exact == score.total, Self.report(score))
    }

    /// The policy's 17 categories as written cases, under its NFKC and its NFC profile.
    @Test(arguments: [NormalizationForm.nfkc, .nfc])
    func followsTheWebNoisePolicy(_ form: NormalizationForm) throws {
        let (all, byCategory) = try NormalizeEvaluation.policy(Self.data("web-noise-policy.jsonl"), form: form)
        #expect(byCategory.count == 17)
        #expect(all.total >= 90)
        #expect(all.exact == all.total, Self.report(all))
    }

    @Test func cleansWebNoise() throws {
        let score = try NormalizeEvaluation.webNoise(Self.data("web-noise.jsonl"))
        #expect(score.percent >= 98, Self.report(score))
    }
}
