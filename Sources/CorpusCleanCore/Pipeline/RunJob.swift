import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// One run of the pipeline from an input path to an output directory: opens the reader,
/// takes the output lock, runs, and commits the output.
public struct RunJob {
    public let config: PipelineConfig
    /// The input arguments (`--input`, once or more): see `InputSet`.
    public let inputPaths: [String]
    /// The input arguments as one string (space-separated): `summary.json`'s `input`, and what
    /// a checkpoint must match.
    public let inputPath: String
    public let outputDirectory: String
    public let options: RunOptions
    public let logger: Logger
    /// Called when the main pass starts (after `--resume` skipped the documents done before),
    /// after every batch, and once at the end of the input.
    public var progress: ((RunProgress) -> Void)?
    /// Called with every finished document in input order.
    public var observer: ((DocumentState) -> Void)?
    /// Called with each batch after each step (0 = input), in input order.
    public var stepObserver: ((Int, [DocumentState]) -> Void)?
    /// Stops reading after the batch that holds a document for which this returns true.
    public var stopAfter: ((Document) -> Bool)?
    /// Stops the run at a safe point when it has a signal: `run` then throws an InputError
    /// with that `signal`, leaving the checkpointed output for `--resume`.
    public var interruption: RunInterruption?

    public init(config: PipelineConfig, inputPath: String, outputDirectory: String, options: RunOptions = RunOptions(),
                logger: Logger) {
        self.init(config: config, inputPaths: [inputPath], outputDirectory: outputDirectory, options: options, logger: logger)
    }

    public init(config: PipelineConfig, inputPaths: [String], outputDirectory: String, options: RunOptions = RunOptions(),
                logger: Logger) {
        self.config = config
        self.inputPaths = inputPaths
        inputPath = inputPaths.joined(separator: " ")
        self.outputDirectory = outputDirectory
        self.options = options
        self.logger = logger
    }

    /// Opens the input as a text directory, a WET file, JSON Lines or shards of either (see
    /// `InputSet`). A file in a format that cannot be read (Parquet, zip...) throws an
    /// InputError with `unsupportedFormat` set.
    public func makeReader() throws(InputError) -> any DocumentReader {
        try makeReader(inputs: resolveInputs(), spool: nil)
    }

    /// The input arguments resolved (globs expanded, folders listed, shards checked).
    public func resolveInputs() throws(InputError) -> InputSet {
        try InputSet.resolve(inputPaths, format: config.input.format, excluding: outputDirectory)
    }

    /// The reader of `inputs`, reading standard input from `spool` when it is given (its
    /// documents still say `stdin` in their sources). A single file or standard input is read
    /// through the line source `source` makes of its path (by default hashed, for `--resume`).
    private func makeReader(inputs: InputSet, spool: StdinSpool?,
                            source: (String) throws(InputError) -> LineSource = { path throws(InputError) in
                                try LineSource(path: path, hash: StreamingHash64())
                            }) throws(InputError) -> any DocumentReader {
        let output = config.output
        let annotationField = output.annotations && output.annotationKey != RecordEncoder.ownKey ? output.annotationKey : nil
        let path: String
        switch inputs {
        case let .textFolder(folder):
            return try TextDirectoryReader(root: folder, decoder: ByteDecoder(invalidUTF8: config.input.invalidUTF8),
                                           maxDocumentBytes: config.input.maxDocumentBytes,
                                           maxPathBytes: Int(PATH_MAX) - 2 - max(folder.utf8.count, stagedDocs.utf8.count),
                                           excluding: [outputDirectory])
        case let .shards(_, shards):
            return ShardReader(shards: shards, idField: config.input.idField, textField: config.input.textField,
                               annotationField: annotationField, decoder: ByteDecoder(invalidUTF8: config.input.invalidUTF8),
                               maxDocumentBytes: config.input.maxDocumentBytes)
        case let .file(file):
            if config.input.format == .text { throw InputError(path: file, message: "input.format is text but this is not a directory") }
            path = file
        case .standardInput:
            path = "-"
        }
        let label = spool != nil || path == "-" ? "stdin" : path
        let lines = try source(spool?.path ?? path)
        if config.input.format == .wet || (config.input.format == .auto && WARCReader.handles(path)) {
            return WARCReader(source: lines, idField: config.input.idField, textField: config.input.textField,
                              decoder: ByteDecoder(invalidUTF8: config.input.invalidUTF8), label: label,
                              maxDocumentBytes: config.input.maxDocumentBytes)
        }
        return JSONLReader(source: lines, idField: config.input.idField, textField: config.input.textField,
                           annotationField: annotationField, label: label, maxDocumentBytes: config.input.maxDocumentBytes)
    }

    /// Where the output's documents are staged, the longest path a text folder's file gets.
    private var stagedDocs: String {
        (outputDirectory as NSString).appendingPathComponent(".staging/" + OutputWriter.docsName)
    }

    /// Refuses an output directory that is the input itself, the same directory or the input
    /// file's path (however named: relative, through a symbolic link), since the run would read
    /// what it writes. An output directory inside an input directory is fine: the reader skips it.
    private func checkOutputIsNotInput(_ inputs: InputSet) throws(InputError) {
        let output = RunJob.identity(outputDirectory)
        guard output != nil, let item = inputs.items.first(where: { RunJob.identity($0) == output }) else { return }
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: item, isDirectory: &isDirectory)
        let what = isDirectory.boolValue ? "the input directory" : "the input file"
        throw InputError(path: outputDirectory,
                         message: "the output directory is \(what) \(item), so the run would read its own output; choose another output directory",
                         outputIsInput: true)
    }

    /// The device and inode of the file or directory at `path`, symbolic links followed; nil
    /// when there is none.
    private static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// The checkpoint of an interrupted run of the same config, input and layout, with the
    /// summary restored from it; nil (start afresh) when there is none or it does not match.
    private func resumableCheckpoint(layout: OutputLayout, fingerprint: String, shardNames: [String],
                                     attributes: (name: String, files: [String])?,
                                     summary: inout RunSummary) throws(InputError) -> RunCheckpoint? {
        guard let checkpoint = try OutputWriter.pendingCheckpoint(in: outputDirectory) else {
            logger.info("resume: no interrupted run in the output directory; starting afresh")
            return nil
        }
        if checkpoint.input == inputPath, checkpoint.configHash == config.configHash,
           !checkpoint.inputFingerprint.isEmpty, checkpoint.inputFingerprint != fingerprint {
            throw InputError(path: inputPath, message: "the input changed since the interrupted run (size, modification time or files), so --resume would skip documents it never read and keep ones that are gone; run again without --resume",
                             changedSinceCheckpoint: true)
        }
        guard checkpoint.configHash == config.configHash, checkpoint.input == inputPath, checkpoint.layout == layout.name,
              canResume(layout),
              OutputWriter.holdsCheckpoint(checkpoint, in: outputDirectory, shardNames: shardNames, attributes: attributes),
              summary.restore(checkpoint: checkpoint.summary) else {
            logger.warning("resume: the interrupted run used another config, input or output form (or a compressed documents.jsonl or stdout output, which cannot be resumed); starting afresh")
            summary = RunSummary(stages: config.stages, configHash: config.configHash, input: inputPath)
            return nil
        }
        return checkpoint
    }

    /// Whether output of `layout` can be resumed: not standard output, nor a compressed
    /// documents.jsonl (a compressed stream cannot be cut back to a checkpoint).
    private func canResume(_ layout: OutputLayout) -> Bool {
        layout != .stdout && !(layout == .jsonl && OutputCompression(option: config.output.compression) != .none)
    }

    /// Throws when the run was asked to stop (after the documents read were written and
    /// checkpointed), saying how to go on.
    private func checkInterruption(resumable: Bool) throws(InputError) {
        guard let signal = interruption?.signal else { return }
        let checkpoint = resumable ? (try? OutputWriter.pendingCheckpoint(in: outputDirectory)) ?? nil : nil
        let next = checkpoint.map { "\($0.documents) documents done are checkpointed in \(outputDirectory)/.staging: the same command with --resume continues it" }
            ?? (options.dryRun ? "a dry run writes nothing" : resumable ? "nothing was checkpointed yet: run the same command again"
                : "a compressed documents.jsonl or stdout output cannot be resumed: run the same command again")
        throw InputError(path: outputDirectory, message: "stopped by \(RunInterruption.name(signal)); \(next)", signal: signal)
    }

    /// Refuses to resume when the documents the interrupted run had finished, read again, are not
    /// the bytes it read (a file rewritten in place, even with its size and time restored;
    /// another stream on standard input).
    private func checkReadAgain(_ reader: some DocumentReader, matches checkpoint: RunCheckpoint) throws(InputError) {
        guard let expected = checkpoint.inputRead, let found = reader.position, found != expected else { return }
        let what = inputPath == "-" ? "standard input is not the stream the interrupted run read" : "the input changed since the interrupted run"
        throw InputError(path: inputPath == "-" ? "<stdin>" : inputPath,
                         message: "\(what): the \(expected.bytes) bytes of its first \(checkpoint.documents) documents differ by content (XXH64), so --resume would keep documents of another input; run again without --resume",
                         changedSinceCheckpoint: true)
    }

    /// Finishes the commit of a run that was killed past its commit point (before anything
    /// else, so that the output and the dedup index are whole). With `--resume`, when that run
    /// had the same config, input and output form, it was complete: returns its summary, and
    /// nothing is run again (a rerun would find its own documents in the dedup index).
    private func finishInterruptedCommit(layout: OutputLayout) throws(InputError) -> RunSummary? {
        guard let run = try OutputCommit.recover(directory: outputDirectory) else { return nil }
        logger.warning("finished the commit of an interrupted run", metadata: ["output": "\(outputDirectory)"])
        guard options.resume, run["config_hash"]?.stringValue == config.configHash, run["input"]?.stringValue == inputPath,
              run["layout"]?.stringValue == layout.name, let counters = run["summary"] else { return nil }
        var summary = RunSummary(stages: config.stages, configHash: config.configHash, input: inputPath)
        guard summary.restore(checkpoint: counters) else { return nil }
        logger.info("resume: the interrupted run had committed its output; nothing left to do")
        return summary
    }

    /// The names of the cleaned shards of a sharded input under `output.compression` (nil for
    /// other inputs); two shards whose cleaned names would be the same are a usage error.
    private func cleanedShardNames(_ inputs: InputSet) throws(InputError) -> [String]? {
        guard case let .shards(_, shards) = inputs else { return nil }
        let names = shards.map { OutputCompression.shardName($0.relative, option: config.output.compression) }
        var seen: [String: String] = [:]
        for (shard, name) in zip(shards, names) {
            if let other = seen.updateValue(shard.path, forKey: name) {
                throw InputError(path: shard.path, message: "its cleaned shard would be named \(name), as that of \(other) (output.compression \"\(config.output.compression.rawValue)\"); rename one or use output.compression \"auto\"",
                                 badArguments: true)
            }
        }
        return names
    }

    /// The Dolma attribute set and its files, one per input shard named as the shard (a WET
    /// shard as its cleaned JSONL shard is, a single file by its own name, standard input
    /// `stdin.jsonl`); nil when `output.dolma_attributes` is empty. A text folder has no rows
    /// for attribute files to line up with, and `--limit` leaves rows out: exit 2.
    private func dolmaAttributeFiles(_ inputs: InputSet) throws(InputError) -> (name: String, files: [String])? {
        let name = config.output.dolmaAttributes
        guard !name.isEmpty else { return nil }
        if options.limit != nil {
            throw InputError(path: inputPath, message: "output.dolma_attributes writes a line for every input document, which --limit leaves out; run without --limit",
                             badArguments: true)
        }
        switch inputs {
        case .standardInput: return (name, ["stdin.jsonl"])
        case let .file(path): return (name, [(path as NSString).lastPathComponent])
        case let .shards(_, shards): return (name, shards.map { OutputCompression.shardName($0.relative, option: .auto) })
        case let .textFolder(path):
            throw InputError(path: path, message: "output.dolma_attributes needs JSONL or WET input (an attribute file lines up with the rows of a document file); this is a folder of text files",
                             badArguments: true)
        }
    }

    /// Runs the pipeline and commits the output. Returns the summary.
    public func run() throws(InputError) -> RunSummary {
        let inputs = try resolveInputs()
        try checkOutputIsNotInput(inputs)
        let runner = PipelineRunner(steps: config.makeSteps(), workers: config.effectiveWorkers,
                                    batchSize: config.batchSize, logger: logger)
        // A corpus pre-pass reads the input twice: standard input is spooled to a file first.
        let spool = inputs == .standardInput && !runner.prepasses.isEmpty ? try StdinSpool() : nil
        var reader = try makeReader(inputs: inputs, spool: spool)
        let lock = options.dryRun ? nil : try OutputLock(directory: outputDirectory)
        defer { withExtendedLifetime(lock) {} }
        let shardNames = try cleanedShardNames(inputs)
        let attributes = try dolmaAttributeFiles(inputs)
        let layout: OutputLayout = options.toStdout ? .stdout : reader.producesFiles ? .files : shardNames == nil ? .jsonl : .shards
        let encoder = RecordEncoder(output: config.output, input: config.input)
        var summary = RunSummary(stages: config.stages, configHash: config.configHash, input: inputPath)
        if !options.dryRun, let finished = try finishInterruptedCommit(layout: layout) { return finished }
        let fingerprint = InputFingerprint.of(inputs, reader: reader)
        // A saved dedup index knows the input of its last run: the same input again replaces
        // that run's entries. Standard input has no identity to tell two streams apart.
        for case let .corpus(stage) in runner.steps {
            stage.runInput = inputs == .standardInput ? nil : inputPath + "\n" + fingerprint
        }
        let resume = options.resume && !options.dryRun
            ? try resumableCheckpoint(layout: layout, fingerprint: fingerprint, shardNames: shardNames ?? [], attributes: attributes,
                                   summary: &summary) : nil
        // The corpus stages keep what --resume needs besides the journal in the staging
        // directory (dedup's shingle sets), where a resumable run has one.
        if !options.dryRun, canResume(layout) {
            let staging = ResumeStaging(directory: (outputDirectory as NSString).appendingPathComponent(".staging"),
                                        resumedLengths: resume?.offsets)
            for case let .corpus(stage) in runner.steps { stage.resumeStaging = staging }
        }
        if let resume {
            reader.skip(resume.documents)
            try checkReadAgain(reader, matches: resume)
            try runner.begin()
            try runner.replay(journal: try OutputWriter.pendingJournal(in: outputDirectory, checkpoint: resume),
                              path: OutputWriter.journalPath(in: outputDirectory))
            logger.info("resume", metadata: ["documents_done": .stringConvertible(resume.documents)])
        }
        let writer = options.dryRun ? nil : try OutputWriter(directory: outputDirectory, layout: layout, encoder: encoder,
                                                           compression: OutputCompression(option: config.output.compression),
                                                           shardNames: shardNames ?? [], attributes: attributes,
                                                           configHash: config.configHash, input: inputPath,
                                                           inputFingerprint: fingerprint, resume: resume)
        let dumper = try options.dumpStages.map { dir throws(InputError) in try StageDumper(directory: dir, stages: config.stages) }
        let expected = options.limit.map { min($0, reader.expectedCount ?? $0) } ?? reader.expectedCount
        // With --limit the run ends before the input does: its share is told by documents.
        let totalBytes = options.limit == nil ? reader.bytesTotal : nil
        let progress = self.progress.map { report in
            { (documents: Int, bytes: Int?) in
                report(RunProgress(documents: documents, expectedDocuments: expected, bytesRead: bytes ?? 0, totalBytes: totalBytes))
            }
        }
        runner.progress = progress
        runner.observer = observer
        runner.stopAfter = stopAfter
        runner.interruption = interruption
        let stepObserver = self.stepObserver
        if dumper != nil || stepObserver != nil {
            runner.stepObserver = { step, states in
                dumper?.dump(step: step, states: states)
                stepObserver?(step, states)
            }
        }
        logger.info("run", metadata: ["input": "\(inputPath)", "output": "\(options.dryRun ? "(dry run)" : outputDirectory)",
                                      "stages": "\(config.stages.map(\.rawValue).joined(separator: ","))",
                                      "workers": .stringConvertible(config.effectiveWorkers)])
        var prepassSeconds = 0.0
        if !runner.prepasses.isEmpty {
            let prepassStart = DispatchTime.now().uptimeNanoseconds
            // The pre-pass needs no hash of what it reads; a compressed input's decompressed
            // bytes are kept for the main pass, which then reads them instead of decompressing again.
            let decompressed = DecompressedSpool()
            var first = try makeReader(inputs: inputs, spool: spool) { path throws(InputError) in
                try LineSource(path: path, hash: nil, spool: decompressed)
            }
            try runner.prepass(reader: &first, limit: options.limit)
            prepassSeconds = Double(DispatchTime.now().uptimeNanoseconds - prepassStart) / 1e9
            logger.info("prepass", metadata: ["seconds": "\(JSONWriter.format(prepassSeconds, decimals: 3))",
                                              "decompressed_bytes_kept": .stringConvertible(decompressed.count)])
            if interruption?.signal == nil, first.streamError == nil, let input = decompressed.takeInput(name: inputPath == "-" ? "<stdin>" : inputPath) {
                let total = reader.bytesTotal
                reader = try makeReader(inputs: inputs, spool: spool) { path throws(InputError) in
                    try LineSource(decompressed: input, of: decompressed, bytesTotal: total, path: path, hash: StreamingHash64())
                }
                if let resume {
                    reader.skip(resume.documents)
                    try checkReadAgain(reader, matches: resume)
                }
            }
        }
        progress?(resume?.documents ?? 0, reader.bytesRead)
        if interruption?.signal == nil {
            try runner.run(reader: &reader, writer: writer, summary: &summary, limit: options.limit, skipped: resume?.documents ?? 0)
        }
        summary.prepassSeconds = prepassSeconds
        summary.seconds += prepassSeconds
        if let error = reader.streamError { throw error }
        progress?(summary.documents, reader.bytesRead)
        try checkInterruption(resumable: writer != nil && canResume(layout))
        if let dumper, !dumper.failures.isEmpty || dumper.renamed > 0 {
            logger.warning("--dump-stages", metadata: ["files_not_written": .stringConvertible(dumper.failures.count),
                                                       "first_failures": .array(dumper.failures.prefix(5).map { .string($0) }),
                                                       "ids_renamed_to_avoid_overwriting": .stringConvertible(dumper.renamed)])
        }
        if let writer {
            try writer.commit(summary: summary.json(), counters: summary, also: runner.stagedReplacements)
            if let signal = interruption?.signal {
                logger.warning("\(RunInterruption.name(signal)) arrived during the commit, which was finished: the run is complete")
            }
        } else {
            // A dry run writes nothing: the index it staged is dropped.
            for move in runner.stagedReplacements { try OutputCommit.remove(move.from) }
        }
        return summary
    }
}
