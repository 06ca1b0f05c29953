import Foundation

/// Writes a run's output into a staging directory inside the output directory and moves it
/// into place only when the run completes, so a killed run never leaves a half-written
/// file where a complete one is expected.
public final class OutputWriter {
    public let directory: String
    public let layout: OutputLayout
    public let encoder: RecordEncoder
    /// Where the files are written until `commit`.
    public let staging: String
    private let manifest: BufferedFile
    private let rejected: BufferedFile
    private let documents: BufferedFile?
    /// The cleaned shards, for a sharded input.
    private let shards: ShardOutputs?
    /// The Dolma attribute files (`attributes/NAME/`), one per input shard, when asked for.
    private let attributes: (files: ShardOutputs, encoder: DolmaAttributeEncoder)?
    /// What the corpus stages consumed, for replay by `--resume`.
    private let journal: BufferedFile
    /// What the checkpoints record besides the offsets.
    private let checkpointIdentity: (configHash: String, input: String, fingerprint: String)
    private let createdFolders = CreatedFolders()
    /// How far the input had been read after the last document written.
    private var inputRead: InputPosition?

    public static let manifestName = "manifest.jsonl"
    public static let rejectedName = "rejected.jsonl"
    public static let documentsName = "documents.jsonl"
    public static let documentsGzipName = "documents.jsonl.gz"
    public static let documentsZstdName = "documents.jsonl.zst"
    /// The checkpoint's offset of the plain file of the shard being written.
    static let shardPartKey = "shard_part"
    /// The checkpoint's offset of the plain file of the attribute file being written.
    static let attributesPartKey = "attributes_part"
    public static let attributesName = "attributes"
    public static let docsName = "docs"
    public static let summaryName = "summary.json"
    public static let journalName = "journal.bin"

    /// How documents.jsonl (or standard output) is compressed; the shards' names say theirs.
    public let compression: OutputCompression

    /// Opens the staging files: new ones, or, with `resume`, the interrupted run's files cut
    /// back to its last checkpoint. `shardNames` are the names of the cleaned shards under
    /// `docs/` for the `.shards` layout, in input order. `attributes` names the Dolma attribute
    /// set and its files (one per input shard, in input order) when they are to be written.
    public init(directory: String, layout: OutputLayout, encoder: RecordEncoder, compression: OutputCompression = .none,
                shardNames: [String] = [], attributes: (name: String, files: [String])? = nil,
                configHash: String, input: String, inputFingerprint: String = "",
                resume: RunCheckpoint? = nil) throws(InputError) {
        self.directory = directory
        self.compression = compression
        self.layout = layout
        self.encoder = encoder
        checkpointIdentity = (configHash, input, inputFingerprint)
        inputRead = resume?.inputRead
        staging = (directory as NSString).appendingPathComponent(".staging")
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if resume == nil, fm.fileExists(atPath: staging) { try fm.removeItem(atPath: staging) }
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw InputError(path: directory, message: "cannot prepare the output directory: \(error.localizedDescription)")
        }
        let staging = self.staging
        func open(_ name: String, compression: OutputCompression = .none, synced: Bool = true) throws(InputError) -> BufferedFile {
            try BufferedFile(path: (staging as NSString).appendingPathComponent(name), compression: compression,
                             appendingAt: resume.map { $0.offsets[name] ?? 0 }, synced: synced)
        }
        manifest = try open(OutputWriter.manifestName)
        rejected = try open(OutputWriter.rejectedName)
        // Removed by the commit: never synced.
        journal = try open(OutputWriter.journalName, synced: false)
        shards = layout == .shards
            ? try ShardOutputs(names: shardNames, staging: staging,
                               resume: resume.map { ($0.shardsFinished, $0.offsets[OutputWriter.shardPartKey] ?? 0) })
            : nil
        self.attributes = try attributes.map { set throws(InputError) in
            (try ShardOutputs(names: set.files, staging: staging, folder: OutputWriter.attributesName + "/" + set.name,
                              partsFolder: ShardOutputs.partsName + "-" + OutputWriter.attributesName,
                              resume: resume.map { ($0.shardsFinished, $0.offsets[OutputWriter.attributesPartKey] ?? 0) }),
             DolmaAttributeEncoder(name: set.name))
        }
        switch layout {
        case .jsonl:
            documents = try open(OutputWriter.documentsName + compression.suffix, compression: compression)
        case .stdout: documents = try BufferedFile(path: "-", compression: compression)
        case .files, .shards:
            documents = nil
            do {
                try fm.createDirectory(atPath: (staging as NSString).appendingPathComponent(OutputWriter.docsName),
                                       withIntermediateDirectories: true)
            } catch {
                throw InputError(path: staging, message: "cannot create docs/: \(error.localizedDescription)")
            }
        }
    }

    /// documents.jsonl, documents.jsonl.gz or documents.jsonl.zst.
    public var documentsFileName: String { OutputWriter.documentsName + compression.suffix }

    /// Whether the interrupted run's staged output in `directory` holds what `checkpoint`
    /// counts finished (the cleaned shards of a sharded output).
    public static func holdsCheckpoint(_ checkpoint: RunCheckpoint, in directory: String, shardNames: [String],
                                       attributes: (name: String, files: [String])? = nil) -> Bool {
        let staging = (directory as NSString).appendingPathComponent(".staging")
        return ShardOutputs.holdsFinished(checkpoint.shardsFinished, names: shardNames, staging: staging)
            && attributes.map { ShardOutputs.holdsFinished(checkpoint.shardsFinished, names: $0.files, staging: staging,
                                                           folder: OutputWriter.attributesName + "/" + $0.name) } ?? true
    }

    /// The checkpoint of an interrupted run in `directory`, if one is there; throws when it is
    /// of another version (see `RunCheckpoint.load`).
    public static func pendingCheckpoint(in directory: String) throws(InputError) -> RunCheckpoint? {
        try RunCheckpoint.load(path: (directory as NSString).appendingPathComponent(".staging/" + RunCheckpoint.fileName))
    }

    /// The path of an interrupted run's journal in the output `directory`.
    public static func journalPath(in directory: String) -> String {
        (directory as NSString).appendingPathComponent(".staging/" + journalName)
    }

    /// The journal of an interrupted run, up to its last checkpoint; throws when the file is
    /// shorter than the checkpoint says (lost with a power loss).
    public static func pendingJournal(in directory: String, checkpoint: RunCheckpoint) throws(InputError) -> [UInt8] {
        let path = journalPath(in: directory)
        let length = checkpoint.offsets[journalName] ?? 0
        let bytes = FileManager.default.contents(atPath: path).map(Array.init) ?? []
        guard bytes.count >= length else {
            throw InputError(path: path, message: "the resume journal holds \(bytes.count) bytes, fewer than the \(length) its checkpoint says (lost, e.g. by a power loss), so --resume cannot continue the run; run again without --resume")
        }
        return Array(bytes.prefix(length))
    }

    /// Records that the first `documents` documents are finished: flushes the staged files
    /// and writes checkpoint.json (atomically) with their sizes, and with `stageFiles`, the
    /// lengths of the files the corpus stages keep in the staging directory for those documents
    /// (`CorpusStage.resumeFileLengths`).
    public func checkpoint(documents count: Int, summary: RunSummary, stageFiles: [String: Int] = [:]) throws(InputError) {
        var offsets = [OutputWriter.manifestName: try manifest.flushedSize(),
                       OutputWriter.rejectedName: try rejected.flushedSize(),
                       OutputWriter.journalName: try journal.flushedSize()]
        offsets.merge(stageFiles) { _, _ in preconditionFailure("a corpus stage's staged file is named as one of the output's") }
        if layout == .jsonl, compression == .none, let documents { offsets[OutputWriter.documentsName] = try documents.flushedSize() }
        let shardState = try shards?.checkpointState()
        if let shardState { offsets[OutputWriter.shardPartKey] = shardState.partBytes }
        let attributeState = try attributes?.files.checkpointState()
        if let attributeState { offsets[OutputWriter.attributesPartKey] = attributeState.partBytes }
        let json = RunCheckpoint.json(configHash: checkpointIdentity.configHash, input: checkpointIdentity.input,
                                      inputFingerprint: checkpointIdentity.fingerprint, inputRead: inputRead,
                                      layout: layout.name, documents: count, offsets: offsets,
                                      shardsFinished: shardState?.finished ?? attributeState?.finished ?? 0, summary: summary)
        let path = (staging as NSString).appendingPathComponent(RunCheckpoint.fileName)
        let temporary = path + ".tmp"
        let file = try BufferedFile(path: temporary, synced: false)
        try file.write(json)
        try file.close()
        // Not renamed over the last checkpoint: on ext4 that waits for the new file's blocks
        // (10-70 ms under the run's own writes, the writing thread's longest wait). Renamed
        // whole to the next checkpoint's name, the last one removed, then renamed into place.
        // Killed before the removal, the last one stays and `load` reads it (the next one is
        // replaced by the resumed run's first checkpoint); killed after it, `load` reads the
        // next one.
        let next = RunCheckpoint.nextPath(path)
        if rename(temporary, next) != 0 {
            throw InputError(path: next, message: "cannot rename the new checkpoint \(temporary) here: \(String(cString: strerror(errno)))")
        }
        if unlink(path) != 0 && errno != ENOENT {
            throw InputError(path: path, message: "cannot remove the last checkpoint: \(String(cString: strerror(errno)))")
        }
        if rename(next, path) != 0 {
            throw InputError(path: path, message: "cannot rename the new checkpoint \(next) here: \(String(cString: strerror(errno)))")
        }
        try shards?.checkpointWritten()
        try attributes?.files.checkpointWritten()
    }

    /// Encodes a document's lines for this writer (any thread may use it).
    package var lines: OutputLineEncoder {
        OutputLineEncoder(records: encoder, attributes: attributes?.encoder, writesRecords: layout != .files)
    }

    /// Writes the results of one batch, in input order, and the corpus stages' journal.
    public func write(_ states: consuming [DocumentState], journal entries: [UInt8] = []) throws(InputError) {
        try write(&states, encoded: [], lines: EncodedLines(), journal: entries)
    }

    /// Writes one batch as `write(_:journal:)` does, taking each document's lines from
    /// `encoded` (encoded ahead with `lines` into `encodedLines`) when they still hold for it
    /// (`EncodedOutput.holds(for:)`), else encoding them here.
    /// `journalParts` are written to the journal before `entries`, one after the other, each
    /// after its frame, 5 bytes of `journalFrames` (none when it is empty). (`states` is
    /// inout so that each document is read in place: a borrowed array's element is copied.)
    package func write(_ states: inout [DocumentState], encoded: [EncodedOutput], lines encodedLines: EncodedLines,
                       journalFrames: [UInt8] = [], journalParts: [[UInt8]] = [], journal entries: [UInt8] = []) throws(InputError) {
        for (i, part) in journalParts.enumerated() {
            if !journalFrames.isEmpty { try journal.write(journalFrames[(5 * i)..<(5 * i + 5)]) }
            try journal.write(part)
        }
        try journal.write(entries)
        inputRead = states.last?.document.inputPosition ?? inputRead
        let lines = self.lines
        var runs = LineRuns()
        for i in states.indices {
            try write(&states[i], ahead: i < encoded.count ? encoded[i] : nil, in: encodedLines, lines: lines, runs: &runs)
        }
        try write(&runs, of: encodedLines)
        // The files keep slices of the batch's arrays until they write them: written now, so
        // that the batch's owner, not a file, is the last to hold them (and frees them on its
        // thread: a streaming run's worker).
        if !encoded.isEmpty || !journalParts.isEmpty {
            for file in [manifest, rejected, journal] { try file.writeKept() }
            try documents?.writeKept()
            try shards?.writeKept()
            try attributes?.files.writeKept()
        }
    }

    /// Writes the lines of one document: those encoded `ahead` into `encodedLines` when they
    /// still hold (to `runs`), else encoded here (after what `runs` holds).
    private func write(_ state: inout DocumentState, ahead: EncodedOutput?, in encodedLines: EncodedLines,
                       lines: OutputLineEncoder, runs: inout LineRuns) throws(InputError) {
        if let ahead, ahead.holds(for: state), lines.made(ahead) {
            try write(&state, output: ahead, in: encodedLines, runs: &runs)
        } else {
            try write(&runs, of: encodedLines)
            let fresh = lines.encode(state)
            try write(&state, output: fresh.output, in: fresh.lines, runs: &runs)
            try write(&runs, of: fresh.lines)
        }
    }

    /// Writes `output`, the lines of `state` in `lines`: the manifest, rejected and
    /// documents.jsonl lines go to `runs`, to be written with the lines next to them.
    private func write(_ state: inout DocumentState, output: EncodedOutput, in lines: EncodedLines,
                       runs: inout LineRuns) throws(InputError) {
        if let run = LineRuns.extend(&runs.manifest, with: output.manifest) { try manifest.write(lines.manifest[run]) }
        try shards?.advance(to: state.document.shard)
        if let attributes, let line = output.attribute { try attributes.files.write(line, shard: state.document.shard) }
        if let range = output.rejected {
            if let run = LineRuns.extend(&runs.rejected, with: range) { try rejected.write(lines.rejected[run]) }
            return
        }
        switch layout {
        case .files: try writeFile(state)
        case .shards: try shards!.write(lines.documents[output.document!], shard: state.document.shard)
        case .jsonl, .stdout:
            if let run = LineRuns.extend(&runs.documents, with: output.document!) { try documents!.write(lines.documents[run]) }
        }
    }

    /// Writes what `runs` holds of `lines` and empties it.
    private func write(_ runs: inout LineRuns, of lines: EncodedLines) throws(InputError) {
        if let run = runs.manifest { try manifest.write(lines.manifest[run]) }
        if let run = runs.rejected { try rejected.write(lines.rejected[run]) }
        if let run = runs.documents { try documents!.write(lines.documents[run]) }
        runs = LineRuns()
    }

    private func writeFile(_ state: DocumentState) throws(InputError) {
        let relative = state.document.id
        let path = (staging as NSString).appendingPathComponent(OutputWriter.docsName + "/" + relative)
        try createdFolders.makeParent(of: path)
        // One fsync per document would dominate the run; the staging directory is synced
        // as a whole before it is moved into place.
        let file = try BufferedFile(path: path, synced: false)
        var text = state.text
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        try file.write(text)
        try file.close()
    }

    /// Writes `summary` to a synced file at `path`.
    private static func write(_ summary: [UInt8], to path: String) throws(InputError) {
        let file = try BufferedFile(path: path)
        try file.write(summary)
        try file.close()
    }

    /// The moves of a commit of `names` (the documents first, then `also`, then the others)
    /// staged in `staging`, and what it removes: products of another layout from an earlier
    /// run, which would be stale, and the staging directory.
    package static func commitSteps(directory: String, staging: String, names: [String],
                            also: [CommitMove]) -> (moves: [CommitMove], removals: [String]) {
        func path(_ base: String, _ name: String) -> String { (base as NSString).appendingPathComponent(name) }
        var moves = names.prefix(1).map { CommitMove(from: path(staging, $0), to: path(directory, $0)) }
        moves += also
        moves += names.dropFirst().map { CommitMove(from: path(staging, $0), to: path(directory, $0)) }
        var removals = [OutputWriter.docsName, OutputWriter.documentsName, OutputWriter.documentsGzipName, OutputWriter.documentsZstdName,
                        OutputWriter.attributesName]
            .filter { !names.contains($0) }.map { path(directory, $0) }
        removals.append(path(directory, ".old-docs"))
        removals.append(staging)
        return (moves, removals)
    }

    /// Flushes the files written under `path` to disk before they are moved into place.
    private func sync(directory path: String) {
        Glibc.sync()
    }

    /// Closes the files, writes the summary, and commits everything as one step (see
    /// `OutputCommit`): the cleaned documents, rejected.jsonl, manifest.jsonl, summary.json,
    /// and `also` (the staged dedup index), so that after a kill either the old state or the
    /// new one is whole. `counters` is kept in the commit marker, so that a `--resume` after a
    /// kill past the commit point knows the run had finished.
    public func commit(summary: [UInt8], counters: RunSummary? = nil, also: [CommitMove] = []) throws(InputError) {
        // Closed at once: each synced file's close waits on its fsync, and the waits overlap.
        let summaryPath = (staging as NSString).appendingPathComponent(OutputWriter.summaryName)
        var closes: [() -> InputError?] = [{ DiskWaits.failure(of: self.manifest.close) },
                                           { DiskWaits.failure(of: self.rejected.close) }]
        if let documents { closes.append { DiskWaits.failure(of: documents.close) } }
        if let shards { closes.append { DiskWaits.failure(of: shards.finishAll) } }
        if let attributes { closes.append { DiskWaits.failure(of: attributes.files.finishAll) } }
        closes.append { DiskWaits.failure(of: self.journal.close) }
        closes.append { DiskWaits.failure { () throws(InputError) in try OutputWriter.write(summary, to: summaryPath) } }
        try DiskWaits.run(closes)
        // docs/ (one file per document, not synced one by one) and the staged index: the
        // whole new state is on disk before the commit point.
        if layout == .files || layout == .shards || attributes != nil || !also.isEmpty { sync(directory: staging) }
        var names = [OutputWriter.rejectedName, OutputWriter.manifestName, OutputWriter.summaryName]
        if attributes != nil { names.insert(OutputWriter.attributesName, at: 0) }
        switch layout {
        case .files, .shards: names.insert(OutputWriter.docsName, at: 0)
        case .jsonl: names.insert(documentsFileName, at: 0)
        case .stdout: break
        }
        let (moves, removals) = OutputWriter.commitSteps(directory: directory, staging: staging, names: names, also: also)
        var run: JSONValue? = nil
        if let counters {
            var w = JSONWriter()
            w.openObject()
            w.key("config_hash"); w.string(checkpointIdentity.configHash)
            w.key("input"); w.string(checkpointIdentity.input)
            w.key("layout"); w.string(layout.name)
            w.key("summary"); counters.checkpointJSON(&w)
            w.closeObject()
            run = try? JSONParser.parse(w.bytes)
        }
        try OutputCommit.perform(directory: directory, moves: moves, removals: removals, run: run)
    }
}
