import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Quality gate, `dedup`: Tests/Data/quality/dedup.jsonl (scripts/make-quality-dedup.py), 60
/// originals (the seeds, the quality gate's pages and documents in 32 languages, six Japanese
/// and Chinese texts) and 213 planted copies in shuffled order: exact ones (white space
/// changed), near ones (1% of the words or characters replaced, 2% deleted, a sentence added)
/// and far ones (25% replaced, the first 40% alone). A copy is a gold duplicate of its
/// original when their shingle Jaccard is at least 0.85 and a gold non-duplicate at most 0.65
/// (copies in between are not in the set). The stage runs at its defaults, in the file's
/// order; a dropped document is right when the document it names is of its gold cluster.
/// Pair recall = right drops / (members of gold clusters - one kept per cluster); pair
/// precision = right drops / all drops.
///
/// Floors = the counts measured when the gate was set (`swift test --filter QualityGate`):
/// 86 right drops of 86 (recall 1), 0 wrong drops (precision 1), and of the Japanese and
/// Chinese copies 24 right of their 24.
@Suite struct QualityGateDedupTests {
    static let rightFloor = 86
    static let wrongCeiling = 0
    static let cjkRightFloor = 24

    @Test func findsThePlantedCopies() throws {
        let records = try QualityGate.records("dedup.jsonl")
        let texts = records.map { $0["text"]?.stringValue ?? "" }
        // The gold cluster of each document: its original's id for the original and its
        // duplicates, its own id for a far copy.
        let cluster = records.map { r -> String in
            let original = r["original"]?.stringValue ?? ""
            let id = r["id"]?.stringValue ?? ""
            return id == original || r["duplicate"] == .bool(true) ? original : id
        }
        let goldDrops = Dictionary(grouping: cluster, by: { $0 }).values.reduce(0) { $0 + $1.count - 1 }
        let reports = try DedupStageTests.dedup(texts)
        var right = 0, wrong = 0, cjkRight = 0, cjkGold = 0
        var misses: [String] = []
        var seen = Set<String>()
        for (i, report) in reports.enumerated() {
            defer { seen.insert(cluster[i]) }
            let id = records[i]["id"]?.stringValue ?? ""
            let cjk = records[i]["unspaced"] == .bool(true)
            if cjk && records[i]["duplicate"] == .bool(true) { cjkGold += 1 }
            guard report.dropReason != nil else {
                if seen.contains(cluster[i]) { misses.append("missed \(id) (\(records[i]["edit"]?.stringValue ?? ""))") }
                continue
            }
            let named = report.duplicate.flatMap { Int($0.duplicateOf.dropFirst(3)) }
            if let named, cluster[named] == cluster[i] {
                right += 1
                if cjk { cjkRight += 1 }
            } else {
                wrong += 1
                misses.append("wrong \(id) dropped as a copy of \(named.map { records[$0]["id"]?.stringValue ?? "" } ?? "?")")
            }
        }
        #expect(goldDrops == 86 && cjkGold == 24, "the set changed: \(goldDrops) gold drops, \(cjkGold) Japanese and Chinese")
        QualityGate.expect("dedup right drops of \(goldDrops) (recall \(QualityGate.format(Double(right) / Double(goldDrops))))",
                           measured: Double(right), floor: Double(Self.rightFloor), misses: misses)
        QualityGate.expect("dedup wrong drops (precision \(QualityGate.format(Double(right) / Double(max(1, right + wrong)))))",
                           measured: wrong, ceiling: Self.wrongCeiling, misses: misses)
        QualityGate.expect("dedup Japanese and Chinese right drops of \(cjkGold)", measured: Double(cjkRight), floor: Double(Self.cjkRightFloor))
    }
}
