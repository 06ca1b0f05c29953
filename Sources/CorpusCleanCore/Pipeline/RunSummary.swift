/// Totals of a run, written to summary.json.
public struct RunSummary: Sendable {
    public static let toolVersion = "0.1.0"

    public var documents = 0
    public var kept = 0
    public var dropped = 0
    public var errors = 0
    /// Documents with errors by reason code (`ReadError.code`, e.g. `malformed_json`): the
    /// message, with its positions, is in the document's manifest line.
    public var errorReasons: [String: Int] = [:]
    public var bytesIn = 0
    public var bytesOut = 0
    public var stages: [StageStatistics]
    /// Wall seconds of the run, its corpus pre-pass included.
    public var seconds = 0.0
    /// Wall seconds of the corpus pre-pass (the extra read of the input that counts lines for
    /// `corpus_repetition`); 0 when no stage asked for one.
    public var prepassSeconds = 0.0
    public let configHash: String
    public let input: String

    public init(stages: [StageName], configHash: String, input: String) {
        self.stages = stages.map(StageStatistics.init)
        self.configHash = configHash
        self.input = input
    }

    /// Counts a finished document whose first `counted` reports are counted already
    /// (`add(statistics:)`). (inout, not read: so that an array's element is not copied.)
    mutating func add(_ state: inout DocumentState, reportsFrom counted: Int) {
        documents += 1
        bytesIn += state.document.bytesIn
        switch state.status {
        case .kept:
            kept += 1
            bytesOut += state.text.utf8.count
        case .dropped: dropped += 1
        case .error:
            errors += 1
            errorReasons[state.document.readError?.code ?? state.reason ?? "unknown", default: 0] += 1
        }
        stages.add(&state.reports, from: counted)
    }

    /// Adds the counts of reports a streaming run's worker counted, one entry per stage of the run.
    mutating func add(tallies: [StageTally]) {
        for (i, tally) in tallies.enumerated() where i < stages.count { tally.add(to: &stages[i]) }
    }

    /// Adds the counts of reports counted apart (by a part of a distributed run), one entry per
    /// stage of the run.
    mutating func add(statistics: [StageStatistics]) {
        for (i, part) in statistics.enumerated() where i < stages.count {
            for field in StageStatistics.fields { field.add(part, to: &stages[i]) }
        }
    }

    /// The run's counters and their keys in a checkpoint.
    package static let fields: [SummaryField<RunSummary>] = [
        .count("documents", \.documents), .count("kept", \.kept), .count("dropped", \.dropped),
        .count("errors", \.errors), .counts("error_reasons", \.errorReasons),
        .count("bytes_in", \.bytesIn), .count("bytes_out", \.bytesOut), .seconds("seconds", \.seconds),
    ]

    /// The counters as JSON, for a checkpoint (`--resume`) or a task's part of a distributed run.
    public func checkpointJSON(_ w: inout JSONWriter) {
        w.openObject()
        for field in Self.fields { field.write(self, to: &w) }
        w.key("stages")
        w.openArray()
        for stage in stages {
            w.openObject()
            for field in StageStatistics.fields { field.write(stage, to: &w) }
            w.closeObject()
        }
        w.closeArray()
        w.closeObject()
    }

    /// Restores the counters written by `checkpointJSON`; false when they do not fit.
    public mutating func restore(checkpoint value: JSONValue) -> Bool {
        guard case let .array(stageValues)? = value["stages"], stageValues.count == stages.count else { return false }
        for field in Self.fields { field.read(value, into: &self) }
        for (i, stageValue) in stageValues.enumerated() {
            for field in StageStatistics.fields { field.read(stageValue, into: &stages[i]) }
        }
        return true
    }

    /// Adds another part's counters (a shard's, in a distributed run).
    package mutating func add(_ other: RunSummary) {
        // The run's seconds are its own wall time, not the sum of its parts'.
        for field in Self.fields {
            if case .seconds = field { continue }
            field.add(other, to: &self)
        }
        add(statistics: other.stages)
    }

    /// The version of the manifest's schema (Sources/CorpusCleanCore/Schema/manifest.schema.json,
    /// `manifest-N.json`), recorded in summary.json: 2 renamed `source` to `location`.
    public static let manifestSchema = 2

    /// summary.json. Everything but the `timing` object is the same for the same input and
    /// config, whatever the worker count.
    public func json() -> [UInt8] {
        var w = JSONWriter()
        w.openObject()
        w.key("tool"); w.string("corpusclean")
        w.key("version"); w.string(RunSummary.toolVersion)
        w.key("config_hash"); w.string(configHash)
        w.key("manifest_schema"); w.int(RunSummary.manifestSchema)
        w.key("input"); w.string(input)
        w.key("documents")
        w.openObject()
        w.key("in"); w.int(documents)
        w.key("kept"); w.int(kept)
        w.key("dropped"); w.int(dropped)
        w.key("error"); w.int(errors)
        w.closeObject()
        w.key("errors_by_reason"); w.counts(errorReasons)
        w.key("bytes_in"); w.int(bytesIn)
        w.key("bytes_out"); w.int(bytesOut)
        w.key("stages")
        w.openArray()
        for s in stages {
            w.openObject()
            w.key("name"); w.string(s.stage.rawValue)
            w.key("in"); w.int(s.documentsIn)
            w.key("out"); w.int(s.documentsOut)
            w.key("changed"); w.int(s.changed)
            w.key("dropped_by_reason"); w.counts(s.dropped)
            w.key("lines_removed_by_reason"); w.counts(s.linesRemoved)
            w.key("fixes"); w.counts(s.fixes)
            w.closeObject()
        }
        w.closeArray()
        w.key("timing")
        w.openObject()
        w.key("seconds"); w.double(seconds, decimals: 3)
        w.key("mb_per_second"); w.double(seconds > 0 ? Double(bytesIn) / 1_000_000 / seconds : 0, decimals: 3)
        w.key("prepass_seconds"); w.double(prepassSeconds, decimals: 3)
        w.key("stage_seconds")
        w.openObject()
        for s in stages {
            w.key(s.stage.rawValue); w.double(s.seconds, decimals: 3)
        }
        w.closeObject()
        w.closeObject()
        w.closeObject()
        w.newline()
        return w.bytes
    }
}
