/// What `StageStatistics.add` counts of one stage's reports, for the reports of a streaming
/// chunk, added to the run's statistics once per chunk (`add(to:)`). Its reasons and fix kinds
/// are pairs in arrays, found by comparing strings rather than by hashing them into a
/// dictionary: a chunk has a few of each, and equal ones mostly share storage (the literals
/// of the reason codes), so that a comparison is of two words.
struct StageTally: Sendable {
    let stage: StageName
    private var documentsIn = 0
    private var documentsOut = 0
    private var changed = 0
    private var dropped: [(key: String, value: Int)] = []
    private var linesRemoved: [(key: String, value: Int)] = []
    private var fixes: [(key: String, value: Int)] = []

    init(stage: StageName) { self.stage = stage }

    /// Counts `report` as `StageStatistics.add` does. (inout, not read: the report is an
    /// array's element, which a read would copy.)
    mutating func add(_ report: inout StageReport) {
        documentsIn += 1
        if let reason = report.dropReason { StageTally.add(reason.rawValue, 1, to: &dropped) } else { documentsOut += 1 }
        if !report.removedLines.isEmpty {
            report.removedLines.forEachReasonRun { reason, lines in StageTally.add(reason, lines, to: &linesRemoved) }
        }
        if !report.fixes.isEmpty {
            for (kind, count) in report.fixes { StageTally.add(kind, count, to: &fixes) }
        }
        if report.changedText { changed += 1 }
    }

    /// Adds the counts to `statistics` (the run's, of the same stage).
    func add(to statistics: inout StageStatistics) {
        statistics.documentsIn += documentsIn
        statistics.documentsOut += documentsOut
        statistics.changed += changed
        for (key, value) in dropped { statistics.dropped[key, default: 0] += value }
        for (key, value) in linesRemoved { statistics.linesRemoved[key, default: 0] += value }
        for (key, value) in fixes { statistics.fixes[key, default: 0] += value }
    }

    private static func add(_ key: String, _ value: Int, to pairs: inout [(key: String, value: Int)]) {
        // Lengths first: most of the keys a key is compared with have another length.
        let length = key.utf8.count
        for i in pairs.indices where pairs[i].key.utf8.count == length && pairs[i].key == key {
            pairs[i].value += value
            return
        }
        pairs.append((key, value))
    }
}

extension Array where Element == StageTally {
    /// Counts each of `reports` into the entry of its stage (reports of a stage not listed are
    /// left out), as `[StageStatistics].add` does.
    mutating func add(_ reports: inout [StageReport]) {
        for i in reports.indices {
            var k = 0
            while k < count && self[k].stage != reports[i].stage { k += 1 }
            if k < count { self[k].add(&reports[i]) }
        }
    }
}
