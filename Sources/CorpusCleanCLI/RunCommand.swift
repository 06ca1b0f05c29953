import ArgumentParser
import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Foundation
import Logging

/// `corpusclean run`: the main job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Clean a corpus: read the input, run the stages, write cleaned documents and the manifest.",
        discussion: """
        Debugging: --stages/--skip/--stop-after choose stages, --limit takes the first N documents, \
        --dry-run decides and prints manifest lines to stdout without writing, --dump-stages DIR writes \
        every document's text after every stage (diff -r two stage folders to see what a stage did).
        """)

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .shortAndLong, parsing: .upToNextOption,
            help: ArgumentHelp("Input: a directory of text files, a .jsonl, .jsonl.gz or .jsonl.zst file, a .warc.wet[.gz] file, a folder of such shards, a quoted glob, or - for JSONL on stdin (overrides input.path).",
                               discussion: "Give it several times, or several paths after one -i (as a shell glob expands), to read them as the shards of one input.",
                               valueName: "path"))
    var input: [String] = []

    @Option(name: .shortAndLong, help: "Output directory, or - to write cleaned JSONL to stdout while the other files go to output.path (overrides output.path).")
    var output: String?

    @Option(help: "Stages to run, comma-separated, in this order (overrides stages).")
    var stages: String?

    @Option(help: "Stages to leave out, comma-separated.")
    var skip: String?

    @Option(help: "Run the stages up to and including this one.")
    var stopAfter: String?

    @Option(help: "Process only the first N documents.")
    var limit: Int?

    @Flag(help: "Decide and report (manifest lines on stdout, summary on stderr); write nothing.")
    var dryRun = false

    @Option(help: "Write every document's text after every stage to DIR/<nn>-<stage>/.")
    var dumpStages: String?

    @Option(help: "Worker threads (overrides workers; 0 = one per core).")
    var workers: Int?

    @Option(help: "Directory of a persistent dedup index to check against and update (overrides dedup.index).")
    var dedupIndex: String?

    @Flag(help: "Continue a run that was killed or stopped by SIGINT, SIGTERM or SIGHUP, from its last checkpoint in the output directory (same config and input); starts afresh when there is none.")
    var resume = false

    @Flag(help: "Exit 1 instead of 3 when some documents had errors (for cron and CI).")
    var strict = false

    @Option(help: "Log format: auto (text on a terminal, JSON lines otherwise), text or json.")
    var logFormat: String = "auto"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    @Flag(inversion: .prefixedNo, help: "Progress bar on stderr (default: only on a terminal).")
    var progress: Bool?

    @OptionGroup(title: "Scale-out") var distributed: DistributedOptions

    func validate() throws {
        if let workers, workers < 0 { throw ValidationError("--workers must be 0 or more") }
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
        guard ["auto", "text", "json"].contains(logFormat) else { throw ValidationError("--log-format must be auto, text or json") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        if dryRun && output == "-" { throw ValidationError("--dry-run writes manifest lines to stdout; it cannot be combined with --output -") }
    }

    func run() throws {
        let console = Console(logFormat: logFormat, logLevel: logLevel)
        let logger = console.logger

        var config = try configOptions.load()
        logger.info("config: \(configOptions.used)")
        config.stages = try RunCommand.selectStages(from: config.stages, known: config.registry, stages: stages, skip: skip, stopAfter: stopAfter)
        if let workers { config.workers = workers }
        if let dedupIndex {
            config[DedupStage.self].index = dedupIndex.hasPrefix("/") ? dedupIndex
                : FileManager.default.currentDirectoryPath + "/" + dedupIndex
        }

        let inputPaths = input.isEmpty ? [config.resolve(config.input.path)] : input
        let toStdout = output == "-"
        let outputDirectory = (output == nil || toStdout) ? config.resolve(config.output.path) : output!
        if distributed.isDistributed {
            if let refused = DistributedRun.refusal(config: config, run: self) {
                logger.error("--executor \(distributed.executor) does not support \(refused); run it in-process")
                throw ExitStatus.usage
            }
            try DistributedRun(options: distributed, config: config, configPath: configOptions.path, inputPaths: inputPaths,
                               outputDirectory: outputDirectory, workers: workers, logger: logger).run()
            return
        }

        var job = RunJob(config: config, inputPaths: inputPaths, outputDirectory: outputDirectory,
                         options: RunOptions(limit: limit, dryRun: dryRun, dumpStages: dumpStages, toStdout: toStdout, resume: resume),
                         logger: logger)
        job.interruption = RunInterruption.installed()
        let bar = ProgressBar(enabled: progress ?? console.stderrIsTerminal)
        job.progress = { bar.update($0) }
        if dryRun {
            let encoder = RecordEncoder(output: config.output, input: config.input)
            job.observer = { state in FileHandle.standardOutput.write(Data(encoder.manifestLine(state))) }
        }
        let summary: RunSummary
        do {
            summary = try job.run()
        } catch {
            bar.finish()
            logger.error("\(error.description)")
            if let signal = error.signal { throw ExitStatus.interrupted(by: signal) }
            throw error.isUsageError ? ExitStatus.usage : ExitStatus.failure
        }
        bar.finish()
        console.report(summary, output: dryRun ? nil : outputDirectory)
        if summary.errors > 0 { throw strict ? ExitStatus.failure : ExitStatus.documentErrors }
    }

    /// Applies --stages, --skip and --stop-after to the configured stages. Unknown names are
    /// usage errors (exit 2) that list the valid ones.
    static func selectStages(from configured: [StageName], known registry: StageRegistry,
                             stages: String?, skip: String?, stopAfter: String?) throws -> [StageName] {
        var selected = try stages.map { try parseStages($0, known: registry) } ?? configured
        if let skip {
            let skipped = try parseStages(skip, known: registry)
            selected.removeAll { skipped.contains($0) }
        }
        if let stopAfter {
            let stage = StageName(stopAfter)
            guard registry.definition(stage) != nil else {
                throw ValidationError("unknown stage \"\(stopAfter)\" in --stop-after; valid: \(registry.names.map(\.rawValue).joined(separator: ", "))")
            }
            guard let index = selected.firstIndex(of: stage) else {
                throw ValidationError("--stop-after \(stopAfter): that stage is not among the stages to run (\(selected.map(\.rawValue).joined(separator: ",")))")
            }
            selected = Array(selected[...index])
        }
        return selected
    }

    /// Parses `a,b,c` into stage names, or fails with the valid choices (exit 2).
    static func parseStages(_ text: String, known registry: StageRegistry) throws -> [StageName] {
        var result: [StageName] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let stage = StageName(part)
            guard registry.definition(stage) != nil else {
                throw ValidationError("unknown stage \"\(part)\"; valid: \(registry.names.map(\.rawValue).joined(separator: ", "))")
            }
            guard !result.contains(stage) else { throw ValidationError("stage \"\(part)\" given twice") }
            result.append(stage)
        }
        return result
    }
}
