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
}

extension StageStatistics: ReportCounting {
    mutating func countDocument(droppedFor reason: String?, changed: Bool) {
        documentsIn += 1
        if let reason { dropped[reason, default: 0] += 1 } else { documentsOut += 1 }
        if changed { self.changed += 1 }
    }

    mutating func countRemovedLines(_ lines: Int, reason: String) { linesRemoved[reason, default: 0] += lines }

    mutating func countFixes(_ count: Int, kind: String) { fixes[kind, default: 0] += count }
}
