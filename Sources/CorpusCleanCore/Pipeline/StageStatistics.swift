/// Counts for one stage over a run: what came in, what went out, why documents and lines
/// were dropped, what was fixed, and the time spent.
public struct StageStatistics: Sendable {
    public let stage: StageName
    public var documentsIn = 0
    public var documentsOut = 0
    public var dropped: [String: Int] = [:]
    public var linesRemoved: [String: Int] = [:]
    public var fixes: [String: Int] = [:]
    public var changed = 0
    public var bytesIn = 0
    /// Seconds of this stage: in a streaming run, its work summed over the workers (and the
    /// in-order decisions); step by step, the wall-clock time of its steps.
    public var seconds = 0.0

    public init(stage: StageName) { self.stage = stage }

    /// The stage's counters and their keys in a checkpoint.
    package static let fields: [SummaryField<StageStatistics>] = [
        .count("in", \.documentsIn), .count("out", \.documentsOut), .count("changed", \.changed),
        .count("bytes_in", \.bytesIn), .counts("dropped", \.dropped), .counts("lines_removed", \.linesRemoved),
        .counts("fixes", \.fixes), .seconds("seconds", \.seconds),
    ]

    /// Counts `report`. (inout, not read: the report is an array's element, which a read would
    /// copy, or whose fields it would retain, to hand them on.)
    mutating func add(_ report: inout StageReport) {
        documentsIn += 1
        if let reason = report.dropReason { dropped[reason.rawValue, default: 0] += 1 } else { documentsOut += 1 }
        if !report.removedLines.isEmpty {
            report.removedLines.forEachReasonRun { reason, lines in linesRemoved[reason, default: 0] += lines }
        }
        if !report.fixes.isEmpty {
            for (kind, count) in report.fixes { fixes[kind, default: 0] += count }
        }
        if report.changedText { changed += 1 }
    }
}

extension Array where Element == StageStatistics {
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
