import Foundation

/// What an interrupted run had finished, written to `.staging/checkpoint.json` after every
/// batch: how many documents, how far each staged file had been written, and the summary
/// counters. `--resume` continues from it.
public struct RunCheckpoint: Sendable {
    public static let fileName = "checkpoint.json"
    /// 2: dedup's journal entries hold character shingles and one-permutation signatures;
    /// a checkpoint of version 1 is not resumed (the run starts afresh).
    public static let version = 2

    public let configHash: String
    public let input: String
    /// What the input was when the run started (`InputFingerprint`); empty for standard input.
    public let inputFingerprint: String
    public let layout: String
    public let documents: Int
    /// Bytes of each staged file that belong to finished documents (for a sharded output,
    /// `shard_part`: the plain file of the shard being written).
    public let offsets: [String: Int]
    /// Cleaned shards of a sharded output finished and staged (0 for other outputs).
    public let shardsFinished: Int
    /// RunSummary counters as `RunSummary.checkpointJSON` wrote them.
    public let summary: JSONValue

    init(configHash: String, input: String, inputFingerprint: String, layout: String, documents: Int,
         offsets: [String: Int], shardsFinished: Int = 0, summary: JSONValue) {
        self.configHash = configHash
        self.input = input
        self.inputFingerprint = inputFingerprint
        self.layout = layout
        self.documents = documents
        self.offsets = offsets
        self.shardsFinished = shardsFinished
        self.summary = summary
    }

    /// The checkpoint file for a run that has finished `documents` documents, with the
    /// summary's counters written straight from the summary.
    public static func json(configHash: String, input: String, inputFingerprint: String, layout: String, documents: Int,
                            offsets: [String: Int], shardsFinished: Int = 0, summary: RunSummary) -> [UInt8] {
        var w = JSONWriter()
        w.openObject()
        w.key("version"); w.int(version)
        w.key("config_hash"); w.string(configHash)
        w.key("input"); w.string(input)
        w.key("input_fingerprint"); w.string(inputFingerprint)
        w.key("layout"); w.string(layout)
        w.key("documents"); w.int(documents)
        w.key("offsets"); w.counts(offsets)
        w.key("shards_finished"); w.int(shardsFinished)
        w.key("summary"); summary.checkpointJSON(&w)
        w.closeObject()
        w.newline()
        return w.bytes
    }

    /// Reads a checkpoint file; nil when it is missing, unreadable or of another version.
    public static func load(path: String) -> RunCheckpoint? {
        guard let data = FileManager.default.contents(atPath: path),
              let value = try? JSONParser.parse(Array(data)),
              value["version"]?.doubleValue == Double(version),
              let configHash = value["config_hash"]?.stringValue,
              let input = value["input"]?.stringValue,
              let layout = value["layout"]?.stringValue,
              let documents = value["documents"]?.doubleValue,
              case let .object(offsetMembers)? = value["offsets"],
              let summary = value["summary"] else { return nil }
        var offsets: [String: Int] = [:]
        for member in offsetMembers { offsets[member.key] = member.value.doubleValue.map { Int($0) } ?? 0 }
        return RunCheckpoint(configHash: configHash, input: input,
                             inputFingerprint: value["input_fingerprint"]?.stringValue ?? "", layout: layout, documents: Int(documents),
                             offsets: offsets, shardsFinished: value["shards_finished"]?.doubleValue.map { Int($0) } ?? 0, summary: summary)
    }
}
