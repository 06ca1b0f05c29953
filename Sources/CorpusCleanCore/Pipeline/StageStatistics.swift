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

    /// Counts a report given by the fields counted (a report handed on whole would be copied
    /// out of its array first).
    mutating func add(dropReason: ReasonCode?, removedLines: [RemovedLine], fixes: [String: Int], changedText: Bool) {
        documentsIn += 1
        if let reason = dropReason { dropped[reason.rawValue, default: 0] += 1 } else { documentsOut += 1 }
        removedLines.forEachReasonRun { reason, lines in linesRemoved[reason, default: 0] += lines }
        if !fixes.isEmpty {
            for (kind, count) in fixes { self.fixes[kind, default: 0] += count }
        }
        if changedText { changed += 1 }
    }
}

extension Array where Element == StageStatistics {
    /// Counts each of `reports` into the entry of its stage (reports of a stage not listed are
    /// left out).
    mutating func add(_ reports: ArraySlice<StageReport>) {
        for i in reports.indices {
            // By index: `firstIndex(where:)` hands its closure a copy of every entry it looks at.
            var k = 0
            while k < count && self[k].stage != reports[i].stage { k += 1 }
            if k < count {
                self[k].add(dropReason: reports[i].dropReason, removedLines: reports[i].removedLines, fixes: reports[i].fixes,
                            changedText: reports[i].changedText)
            }
        }
    }

    /// Counts each of `reports` as ``add(_:)-(ArraySlice<StageReport>)`` does.
    mutating func add(_ reports: [StageReport]) { add(reports[...]) }
}
