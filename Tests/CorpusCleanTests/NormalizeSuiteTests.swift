import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The normalize stage against the suites in Tests/Data and Unicode's NormalizationTest.txt
/// (the benchmark prints the same figures). Part of the quality gate: each floor is the count
/// measured when the gate was set (`corpusclean-bench normalize --suites-only` and this suite):
/// mojibake 91/91, generated held-out either answer 2109/2140, original 2068/2140, ftfy
/// 1578/2140; real cases original 41/42, ftfy 35/42 (the lost bytes, which ftfy leaves); one
/// lost byte restored 292/1074, 69 wrong (as U+FFFD 267, 69), none where no byte was lost;
/// web noise 95/96; the clean-text, policy and NormalizationTest suites all exact.
@Suite struct NormalizeSuiteTests {
    static func data(_ name: String) -> String { TestSupport.packageRoot.appendingPathComponent("Tests/Data/\(name)").path }

    static func misses(_ score: NormalizeEvaluation.Score) -> [String] {
        score.failures.prefix(10).map { "\($0.input) → \($0.got) (expected \($0.expected))" }
    }

    static func report(_ score: NormalizeEvaluation.Score) -> Comment {
        Comment(rawValue: misses(score).joined(separator: "\n"))
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
        QualityGate.expect("mojibake exact of \(score.total)", measured: Double(score.exact), floor: 91, misses: Self.misses(score))
    }

    @Test func leavesCleanTextInThirtyLanguagesAlone() throws {
        let (score, languages) = try NormalizeEvaluation.cleanText(Self.data("clean-multilingual.jsonl"))
        #expect(languages >= 30)
        #expect(score.exact == score.total, Self.report(score))
    }

    /// Generated mojibake, held-out half (languages not looked at while tuning): the stage
    /// must give back the text before it was broken, or ftfy's answer.
    @Test func repairsGeneratedMojibakeInEveryCodePage() throws {
        let path = Self.data("repair/generated.jsonl")
        let cases = try NormalizeEvaluation.records(path).filter { $0["half"]?.stringValue == "held-out" }
        var either = 0
        for r in cases {
            let got = NormalizeEvaluation.run(r["broken"]?.stringValue ?? "", options: NormalizeEvaluation.repairOnly).0
            if got == r["original"]?.stringValue || got == r["expected"]?.stringValue { either += 1 }
        }
        #expect(cases.count > 2000)
        QualityGate.expect("generated held-out, original or ftfy's answer, of \(cases.count)", measured: Double(either), floor: 2118)
        let (ftfy, original) = try NormalizeEvaluation.repairSuite(path, half: "held-out")
        QualityGate.expect("generated held-out, original restored, of \(original.total)", measured: Double(original.exact), floor: 2083,
                           misses: Self.misses(original))
        QualityGate.expect("generated held-out, ftfy's answer, of \(ftfy.total)", measured: Double(ftfy.exact), floor: 1569)
    }

    @Test func repairsRealCases() throws {
        let (ftfy, original) = try NormalizeEvaluation.repairSuite(Self.data("repair/real.jsonl"))
        #expect(ftfy.total >= 40)
        QualityGate.expect("real cases, original restored, of \(original.total)", measured: Double(original.exact), floor: 41,
                           misses: Self.misses(original))
        QualityGate.expect("real cases, ftfy's answer, of \(ftfy.total)", measured: Double(ftfy.exact), floor: 35, misses: Self.misses(ftfy))
    }

    /// Clean lines broken by a strict Windows-1252 decoder (the undefined bytes dropped): the
    /// lines with one lost byte restored, and those given a wrong character, stay where they were.
    @Test(arguments: [(false, 292, 69), (true, 267, 69)])
    func restoresLostBytes(replaced: Bool, restored: Int, wrong: Int) throws {
        let score = try NormalizeEvaluation.lostByteSuite(Self.data("repair/clean.jsonl"), replaced: replaced)
        #expect(score.lines >= 1000)
        QualityGate.expect("one lost byte (as U+FFFD: \(replaced)), restored, of \(score.lines)", measured: Double(score.restored),
                           floor: Double(restored))
        QualityGate.expect("one lost byte (as U+FFFD: \(replaced)), a wrong character, of \(score.lines)", measured: score.wrong,
                           ceiling: wrong)
        #expect(score.wholeLines >= 3000)
        QualityGate.expect("no lost byte, a byte restored all the same, of \(score.wholeLines)", measured: score.wholeGuessed, ceiling: 0)
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
        QualityGate.expect("web noise exact of \(score.total)", measured: Double(score.exact), floor: 95, misses: Self.misses(score))
    }
}
