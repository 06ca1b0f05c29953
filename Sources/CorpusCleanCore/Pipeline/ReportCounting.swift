/// What is counted of a stage's reports, whatever holds the counts: `StageStatistics` keeps a
/// run's in dictionaries, `StageTally` a streaming chunk's in short arrays of pairs.
protocol ReportCounting {
    /// The stage whose reports this counts.
    var stage: StageName { get }
    /// Counts one document: dropped for `reason`, or kept when it is nil; `changed` when the
    /// stage changed its text.
    mutating func countDocument(droppedFor reason: String?, changed: Bool)
    /// Counts `lines` lines removed for `reason`.
    mutating func countRemovedLines(_ lines: Int, reason: String)
    /// Counts `count` fixes of `kind`.
    mutating func countFixes(_ count: Int, kind: String)
}

extension ReportCounting {
    /// Counts `report`. (inout, not read: the report is an array's element, which a read would
    /// copy, or whose fields it would retain, to hand them on.)
    mutating func add(_ report: inout StageReport) {
        countDocument(droppedFor: report.dropReason?.rawValue, changed: report.changedText)
        if !report.removedLines.isEmpty {
            report.removedLines.forEachReasonRun { reason, lines in countRemovedLines(lines, reason: reason) }
        }
        if !report.fixes.isEmpty {
            for (kind, count) in report.fixes { countFixes(count, kind: kind) }
        }
    }
}

extension Array where Element: ReportCounting {
    /// Counts each of `reports` from index `start` on into the entry of its stage (reports of a
    /// stage not listed are left out).
    mutating func add(_ reports: inout [StageReport], from start: Int = 0) {
        for i in start..<reports.count {
            // By index: `firstIndex(where:)` hands its closure a copy of every entry it looks at.
            var k = 0
            while k < count && self[k].stage != reports[i].stage { k += 1 }
            if k < count { self[k].add(&reports[i]) }
        }
    }
}
