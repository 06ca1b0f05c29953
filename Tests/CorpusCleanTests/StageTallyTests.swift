import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// A streaming chunk's tally of a stage's reports adds up to what the run's statistics count
/// of the same reports.
@Suite struct StageTallyTests {
    /// Reports with drop reasons one of which is a prefix of the other, two fix kinds (one a
    /// prefix of the other), runs of removed lines, and a report of another stage.
    static func reports() -> [StageReport] {
        let text = "a\nb\nc\nd\ne\n"
        func removed(_ reasons: [ReasonCode]) -> [RemovedLine] {
            reasons.enumerated().map { RemovedLine(line: $0.offset, text: text, reason: $0.element) }
        }
        var reports: [StageReport] = []
        for n in 0..<12 {
            var report = StageReport(stage: n == 7 ? .dedup : .boilerplate)
            if n % 3 == 1 { report.dropReason = "no_content" }
            if n % 4 == 2 { report.dropReason = "no_content_left" }
            if n % 2 == 0 { report.count("nbsp", n) }
            if n % 5 == 0 { report.count("nbsp_run") }
            if n % 3 == 0 { report.removedLines = removed(["slug", "slug", "slugline", "slug", "caption"]) }
            if n == 4 { report.removedLines = removed(["caption", "slugline", "slugline"]) }
            if n % 4 == 3 { report.changedText = true }
            reports.append(report)
        }
        return reports
    }

    @Test func aTallyAddsWhatTheStatisticsCount() {
        var reports = Self.reports()
        var statistics = [StageStatistics(stage: .boilerplate), StageStatistics(stage: .normalize)]
        statistics.add(&reports)
        var tallies = [StageTally(stage: .boilerplate), StageTally(stage: .normalize)]
        tallies.add(&reports)
        // Onto statistics that count something already, as the run's do.
        var tallied = [StageStatistics(stage: .boilerplate), StageStatistics(stage: .normalize)]
        var earlier = Array(reports.prefix(3))
        tallied.add(&earlier)
        statistics.add(&earlier)
        for i in tallies.indices { tallies[i].add(to: &tallied[i]) }
        Self.expectSameCounts(statistics, tallied)
        #expect(statistics[0].dropped.keys.sorted() == ["no_content", "no_content_left"])
        #expect(statistics[0].linesRemoved.keys.sorted() == ["caption", "slug", "slugline"])
        #expect(statistics[0].fixes.keys.sorted() == ["nbsp", "nbsp_run"])
    }

    static func expectSameCounts(_ x: [StageStatistics], _ y: [StageStatistics]) {
        #expect(x.count == y.count)
        for (a, b) in zip(x, y) {
            #expect(a.stage == b.stage)
            #expect(a.documentsIn == b.documentsIn)
            #expect(a.documentsOut == b.documentsOut)
            #expect(a.changed == b.changed)
            #expect(a.dropped == b.dropped)
            #expect(a.linesRemoved == b.linesRemoved)
            #expect(a.fixes == b.fixes)
        }
    }

    /// Adding the reports from an index on counts those reports alone (a streaming chunk's
    /// reports past the ones counted already), and from their count on counts nothing.
    @Test func addingFromAnIndexCountsTheReportsFromThereOn() {
        var reports = Self.reports()
        func empty() -> [StageStatistics] { [StageStatistics(stage: .boilerplate), StageStatistics(stage: .dedup)] }
        var fromFive = empty()
        fromFive.add(&reports, from: 5)
        var later = Array(reports[5...])
        var expected = empty()
        expected.add(&later)
        Self.expectSameCounts(fromFive, expected)
        #expect(fromFive[0].documentsIn == 6)
        #expect(fromFive[1].documentsIn == 1)
        var fromEnd = empty()
        fromEnd.add(&reports, from: reports.count)
        Self.expectSameCounts(fromEnd, empty())
        #expect(fromEnd[0].documentsIn == 0)
    }
}
