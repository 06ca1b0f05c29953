import Foundation
import Testing
@testable import CorpusClean

@Suite struct DedupStageTests {
    /// Runs dedup over texts in order; returns each document's report.
    static func dedup(_ texts: [String], options: DedupOptions = .defaults) -> [StageReport] {
        let stage = DedupStage(options: options)
        return texts.enumerated().map { i, text in
            var state = DocumentState(document: Document(ordinal: i, id: "doc\(i)", source: "doc\(i)", text: text))
            stage.prepare(&state)
            return stage.decide(&state)
        }
    }

    /// A seed with a handful of words changed.
    static func edited(_ text: String, every: Int) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var changed = 0
        for i in stride(from: 7, to: words.count, by: every) {
            words[i] = "changed\(i)"
            changed += 1
        }
        return words.joined(separator: " ")
    }

    @Test func dropsExactCopiesIgnoringWhitespace() throws {
        let seed = try TestSupport.seedText("000_08959dc2a29a28c1.txt")
        let reports = Self.dedup([seed, seed.replacingOccurrences(of: "\n", with: "\n\n") + "  "])
        #expect(reports[0].dropReason == nil)
        #expect(reports[1].dropReason == "exact_duplicate")
        #expect(reports[1].duplicate == DuplicateMatch(duplicateOf: "doc0", similarity: 1, exact: true))
    }

    @Test func dropsANearCopyAndNamesTheOriginal() throws {
        let seeds = try TestSupport.seedNames.map(TestSupport.seedText)
        let copy = Self.edited(seeds[2], every: 120)
        #expect(copy != seeds[2])
        let reports = Self.dedup(seeds + [copy])
        for report in reports.prefix(seeds.count) { #expect(report.dropReason == nil) }
        let last = reports.last!
        #expect(last.dropReason == "near_duplicate")
        #expect(last.duplicate?.duplicateOf == "doc2")
        #expect((last.duplicate?.similarity ?? 0) >= 0.8)
    }

    @Test func keepsDocumentsBelowTheThreshold() throws {
        let seed = try TestSupport.seedText("003_04ed8dd39542b3b4.txt")
        let heavy = Self.edited(seed, every: 4)
        let reports = Self.dedup([seed, heavy])
        #expect(reports[1].dropReason == nil)
    }

    @Test func derivesBandsForRecallAtTheThreshold() {
        let lsh = LSHParameters(threshold: 0.8, permutations: 128)
        #expect(lsh.bands * lsh.rows <= 128)
        #expect(LSHParameters.candidateProbability(0.8, bands: lsh.bands, rows: lsh.rows) >= 0.99)
        #expect(LSHParameters.candidateProbability(0.8, bands: 128 / (lsh.rows + 1), rows: lsh.rows + 1) < 0.99)
    }

    @Test func shinglesShortAndUnspacedText() {
        let shingler = Shingler(n: 5)
        #expect(shingler.shingles("two words").count == 1)
        #expect(shingler.shingles("!!!").isEmpty)
        #expect(shingler.tokenHashes("Hello, WORLD 42") == shingler.tokenHashes("hello world 42"))
        // Japanese without spaces is split into several words, not one token.
        #expect(shingler.tokenHashes("委員会は火曜日に会合を開き、来年度の予算について話し合った").count > 5)
    }
}
