import Foundation

/// What an interrupted run had finished, written to `.staging/checkpoint.json` after every
/// batch: how many documents, how far each staged file had been written, and the summary
/// counters. `--resume` continues from it.
public struct RunCheckpoint: Sendable {
    public static let fileName = "checkpoint.json"
    /// 6: dedup's journal entries hold no shingle sets (except with a saved index), and with
    /// `verify: exact` the band keys instead of the signature; the sets are in
    /// `dedup-shingles.bin` in the staging directory, whose length `offsets` records. (5: dedup's
    /// journal entries hold each document's shingle set unsorted, in the order of the text. 4:
    /// the shingle and MinHash hashes of dedup index format 3, the sets sorted. 3: `input_read`,
    /// how far the input had been read, by content, and `shards_finished`, the cleaned shards of
    /// a sharded output staged. 2: dedup's journal entries hold
    /// character shingles and one-permutation signatures.) `--resume` refuses a checkpoint of
    /// another version (`load` throws).
    public static let version = 6

    public let configHash: String
    public let input: String
    /// What the input was when the run started (`InputFingerprint`); empty for standard input.
    public let inputFingerprint: String
    /// How far the input had been read after the last finished document; nil when the reader
    /// does not tell.
    public let inputRead: InputPosition?
    public let layout: String
    public let documents: Int
    /// Bytes of each staged file that belong to finished documents (for a sharded output,
    /// `shard_part`: the plain file of the shard being written).
    public let offsets: [String: Int]
    /// Cleaned shards of a sharded output finished and staged (0 for other outputs).
    public let shardsFinished: Int
    /// RunSummary counters as `RunSummary.checkpointJSON` wrote them.
    public let summary: JSONValue

    init(configHash: String, input: String, inputFingerprint: String, inputRead: InputPosition?, layout: String, documents: Int,
         offsets: [String: Int], shardsFinished: Int = 0, summary: JSONValue) {
        self.configHash = configHash
        self.input = input
        self.inputFingerprint = inputFingerprint
        self.inputRead = inputRead
        self.layout = layout
        self.documents = documents
        self.offsets = offsets
        self.shardsFinished = shardsFinished
        self.summary = summary
    }

    /// The checkpoint file for a run that has finished `documents` documents, with the
    /// summary's counters written straight from the summary.
    public static func json(configHash: String, input: String, inputFingerprint: String, inputRead: InputPosition?,
                            layout: String, documents: Int, offsets: [String: Int], shardsFinished: Int = 0,
                            summary: RunSummary) -> [UInt8] {
        var w = JSONWriter()
        w.openObject()
        w.key("version"); w.int(version)
        w.key("config_hash"); w.string(configHash)
        w.key("input"); w.string(input)
        w.key("input_fingerprint"); w.string(inputFingerprint)
        if let inputRead {
            w.key("input_read")
            w.openObject()
            w.key("bytes"); w.int(inputRead.bytes)
            w.key("xxh64"); w.string(Hash64.hex(inputRead.hash))
            w.closeObject()
        }
        w.key("layout"); w.string(layout)
        w.key("documents"); w.int(documents)
        w.key("offsets"); w.counts(offsets)
        w.key("shards_finished"); w.int(shardsFinished)
        w.key("summary"); summary.checkpointJSON(&w)
        w.closeObject()
        w.newline()
        return w.bytes
    }

    /// The name a new checkpoint takes, whole, before the one at `path` is removed and it is
    /// renamed there (`OutputWriter.checkpoint`), so that it is not renamed over a file, which
    /// ext4 makes wait for the new file's blocks to be allocated.
    static func nextPath(_ path: String) -> String { path + ".next" }

    /// Reads a checkpoint file; nil when it is missing or unreadable. Throws for a checkpoint
    /// of another version, written by another corpusclean, which `--resume` cannot continue.
    /// Only when there is no file at `path` is the next checkpoint read: a run killed after it
    /// removed the one at `path` and before it renamed the next one there. (Killed before the
    /// removal, the file at `path` is the last whole checkpoint, and the next one is ignored.)
    public static func load(path: String) throws(InputError) -> RunCheckpoint? {
        let read = access(path, F_OK) != 0 && errno == ENOENT ? nextPath(path) : path
        guard let data = FileManager.default.contents(atPath: read),
              let value = try? JSONParser.parse(Array(data)) else { return nil }
        guard let found = value["version"]?.doubleValue, found == Double(version) else {
            let found = value["version"]?.doubleValue.map { "version \(Int($0))" } ?? "no version"
            throw InputError(path: read, message: "the interrupted run's checkpoint is of \(found), written by another corpusclean (this one reads version \(version)), so --resume cannot continue it; run again without --resume",
                             changedSinceCheckpoint: true)
        }
        guard let configHash = value["config_hash"]?.stringValue,
              let input = value["input"]?.stringValue,
              let layout = value["layout"]?.stringValue,
              let documents = value["documents"]?.doubleValue,
              case let .object(offsetMembers)? = value["offsets"],
              let summary = value["summary"] else { return nil }
        var offsets: [String: Int] = [:]
        for member in offsetMembers { offsets[member.key] = member.value.doubleValue.map { Int($0) } ?? 0 }
        var inputRead: InputPosition?
        if let bytes = value["input_read"]?["bytes"]?.doubleValue, let hex = value["input_read"]?["xxh64"]?.stringValue,
           let hash = UInt64(hex, radix: 16) {
            inputRead = InputPosition(bytes: Int(bytes), hash: hash)
        }
        return RunCheckpoint(configHash: configHash, input: input,
                             inputFingerprint: value["input_fingerprint"]?.stringValue ?? "", inputRead: inputRead, layout: layout,
                             documents: Int(documents), offsets: offsets,
                             shardsFinished: value["shards_finished"]?.doubleValue.map { Int($0) } ?? 0, summary: summary)
    }
}
