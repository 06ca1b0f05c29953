import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// One run of the pipeline from an input path to an output directory: opens the reader,
/// takes the output lock, runs, and commits the output.
public struct RunJob {
    public let config: PipelineConfig
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

    public init(config: PipelineConfig, inputPath: String, outputDirectory: String, options: RunOptions = RunOptions(),
                logger: Logger) {
        self.config = config
        self.inputPath = inputPath
        self.outputDirectory = outputDirectory
        self.options = options
        self.logger = logger
    }

    /// Opens the input as a text directory, a WET file or JSON Lines. A file in a format that
    /// cannot be read (Parquet, zip...) throws an InputError with `unsupportedFormat` set.
    public func makeReader() throws(InputError) -> any DocumentReader {
        try makeReader(spool: nil)
    }

    /// `makeReader()`, reading standard input from `spool` when it is given (its documents
    /// still say `stdin` in their sources).
    private func makeReader(spool: StdinSpool?) throws(InputError) -> any DocumentReader {
        var isDirectory: ObjCBool = false
        let exists = inputPath != "-" && FileManager.default.fileExists(atPath: inputPath, isDirectory: &isDirectory)
        if inputPath != "-" && !exists { throw InputError(path: inputPath, message: "no such file or directory") }
        let asText = config.input.format == "text" || (config.input.format == "auto" && isDirectory.boolValue)
        if asText {
            guard isDirectory.boolValue else { throw InputError(path: inputPath, message: "input.format is text but this is not a directory") }
            return try TextDirectoryReader(root: inputPath, decoder: ByteDecoder(invalidUTF8: config.input.invalidUTF8),
                                           maxDocumentBytes: config.input.maxDocumentBytes,
                                          excluding: [outputDirectory])
        }
        let path = spool?.path ?? inputPath
        let label = spool == nil ? nil : "stdin"
        if config.input.format == "wet" || (config.input.format == "auto" && WARCReader.handles(inputPath)) {
            return try WARCReader(path: path, idField: config.input.idField, textField: config.input.textField,
                                  decoder: ByteDecoder(invalidUTF8: config.input.invalidUTF8), label: label)
        }
        let output = config.output
        return try JSONLReader(path: path, idField: config.input.idField, textField: config.input.textField,
                               annotationField: output.annotations && output.annotationKey != RecordEncoder.ownKey ? output.annotationKey : nil,
                               label: label)
    }

    /// Refuses an output directory that is the input itself, the same directory or the input
    /// file's path (however named: relative, through a symbolic link), since the run would read
    /// what it writes. An output directory inside an input directory is fine: the reader skips it.
    private func checkOutputIsNotInput() throws(InputError) {
        guard inputPath != "-", let input = RunJob.identity(inputPath), RunJob.identity(outputDirectory) == input else { return }
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: inputPath, isDirectory: &isDirectory)
        let what = isDirectory.boolValue ? "the input directory" : "the input file"
        throw InputError(path: outputDirectory,
                         message: "the output directory is \(what) \(inputPath), so the run would read its own output; choose another output directory",
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
    private func resumableCheckpoint(layout: OutputLayout, fingerprint: String,
                                     summary: inout RunSummary) throws(InputError) -> RunCheckpoint? {
        guard let checkpoint = OutputWriter.pendingCheckpoint(in: outputDirectory) else {
            logger.info("resume: no interrupted run in the output directory; starting afresh")
            return nil
        }
        if checkpoint.input == inputPath, checkpoint.configHash == config.configHash,
           !checkpoint.inputFingerprint.isEmpty, checkpoint.inputFingerprint != fingerprint {
            throw InputError(path: inputPath, message: "the input changed since the interrupted run (size, modification time or files), so --resume would skip documents it never read and keep ones that are gone; run again without --resume",
                             changedSinceCheckpoint: true)
        }
        let gzip = config.output.compression == "gzip"
        guard checkpoint.configHash == config.configHash, checkpoint.input == inputPath, checkpoint.layout == "\(layout)",
              layout != .stdout, !(layout == .jsonl && gzip), summary.restore(checkpoint: checkpoint.summary) else {
            logger.warning("resume: the interrupted run used another config, input or output form (or gzip/stdout output, which cannot be resumed); starting afresh")
            summary = RunSummary(stages: config.stages, configHash: config.configHash, input: inputPath)
            return nil
        }
        return checkpoint
    }

    /// Finishes the commit of a run that was killed past its commit point (before anything
    /// else, so that the output and the dedup index are whole). With `--resume`, when that run
    /// had the same config, input and output form, it was complete: returns its summary, and
    /// nothing is run again (a rerun would find its own documents in the dedup index).
    private func finishInterruptedCommit(layout: OutputLayout) throws(InputError) -> RunSummary? {
        guard let run = try OutputCommit.recover(directory: outputDirectory) else { return nil }
        logger.warning("finished the commit of an interrupted run", metadata: ["output": "\(outputDirectory)"])
        guard options.resume, run["config_hash"]?.stringValue == config.configHash, run["input"]?.stringValue == inputPath,
              run["layout"]?.stringValue == "\(layout)", let counters = run["summary"] else { return nil }
        var summary = RunSummary(stages: config.stages, configHash: config.configHash, input: inputPath)
        guard summary.restore(checkpoint: counters) else { return nil }
        logger.info("resume: the interrupted run had committed its output; nothing left to do")
        return summary
    }

    /// Runs the pipeline and commits the output. Returns the summary.
    public func run() throws(InputError) -> RunSummary {
        try checkOutputIsNotInput()
        let runner = PipelineRunner(steps: config.makeSteps(), workers: config.effectiveWorkers,
                                    batchSize: config.batchSize, logger: logger)
        // A corpus pre-pass reads the input twice: standard input is spooled to a file first.
        let spool = inputPath == "-" && !runner.prepasses.isEmpty ? try StdinSpool() : nil
        var reader = try makeReader(spool: spool)
        let lock = options.dryRun ? nil : try OutputLock(directory: outputDirectory)
        defer { withExtendedLifetime(lock) {} }
        let layout: OutputLayout = options.toStdout ? .stdout : (reader.producesFiles ? .files : .jsonl)
        let encoder = RecordEncoder(output: config.output, input: config.input)
        var summary = RunSummary(stages: config.stages, configHash: config.configHash, input: inputPath)
        if !options.dryRun, let finished = try finishInterruptedCommit(layout: layout) { return finished }
        let fingerprint = InputFingerprint.of(path: inputPath, reader: reader)
        let resume = options.resume && !options.dryRun
            ? try resumableCheckpoint(layout: layout, fingerprint: fingerprint, summary: &summary) : nil
        if let resume {
            try runner.begin()
            runner.replay(journal: OutputWriter.pendingJournal(in: outputDirectory, checkpoint: resume))
            reader.skip(resume.documents)
            logger.info("resume", metadata: ["documents_done": .stringConvertible(resume.documents)])
        }
        let writer = options.dryRun ? nil : try OutputWriter(directory: outputDirectory, layout: layout, encoder: encoder,
                                                           gzip: config.output.compression == "gzip",
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
        if !runner.prepasses.isEmpty {
            var first = try makeReader(spool: spool)
            try runner.prepass(reader: &first, limit: options.limit)
        }
        progress?(resume?.documents ?? 0, reader.bytesRead)
        try runner.run(reader: &reader, writer: writer, summary: &summary, limit: options.limit, skipped: resume?.documents ?? 0)
        if let error = reader.streamError { throw error }
        progress?(summary.documents, reader.bytesRead)
        if let dumper, !dumper.failures.isEmpty || dumper.renamed > 0 {
            logger.warning("--dump-stages", metadata: ["files_not_written": .stringConvertible(dumper.failures.count),
                                                       "first_failures": .array(dumper.failures.prefix(5).map { .string($0) }),
                                                       "ids_renamed_to_avoid_overwriting": .stringConvertible(dumper.renamed)])
        }
        if let writer {
            try writer.commit(summary: summary.json(), counters: summary, also: runner.stagedReplacements)
        } else {
            // A dry run writes nothing: the index it staged is dropped.
            for move in runner.stagedReplacements { try OutputCommit.remove(move.from) }
        }
        return summary
    }
}
