import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Quality gate, `normalize`: Tests/Data/quality/normalize.jsonl, 31 short documents in 31
/// languages (sentences written for these tests) with two to four kinds of web noise planted
/// in them (mojibake of a line as Windows-1252, Latin-1 or Windows-1251, HTML entities, no-break
/// and zero-width spaces, soft hyphens, a BOM, CRLF, trailing blanks, NFD, terminal escapes,
/// C0 controls; scripts/make-quality-normalize.py). The stage at its defaults must give back
/// the clean document byte for byte.
///
/// Floor = the figure measured when the gate was set (`swift test --filter QualityGate`):
/// 30 of 31 documents exact (the miss: a Russian line read as Windows-1251 keeps the
/// one- and two-letter words Рё, Р’, РІ unrepaired). The line-level suites (mojibake, repair, web-noise policy, clean
/// text) are gated in NormalizeSuiteTests at their measured figures.
@Suite struct QualityGateNormalizeTests {
    static let floor = 30

    @Test func cleansPlantedWebNoiseInDocuments() throws {
        var exact = 0
        var misses: [String] = []
        for record in try QualityGate.records("normalize.jsonl") {
            let input = record["input"]?.stringValue ?? "", expected = record["expected"]?.stringValue ?? ""
            let got = NormalizeEvaluation.run(input).0
            if got.utf8.elementsEqual(expected.utf8) {
                exact += 1
            } else {
                misses.append("\(record["id"]?.stringValue ?? "?"): \(got.debugDescription) (expected \(expected.debugDescription))")
            }
        }
        QualityGate.expect("normalize documents exact", measured: Double(exact), floor: Double(Self.floor), misses: misses)
    }
}
