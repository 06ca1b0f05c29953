import ArgumentParser
import CorpusClean
import Foundation
import Logging

/// `corpusclean run`: the main job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Clean a corpus: read the input, run the stages, write cleaned documents and the manifest.")

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .shortAndLong, help: "Input: a directory of text files, a .jsonl or .jsonl.gz file, or - for JSONL on stdin (overrides input.path).")
    var input: String?

    @Option(name: .shortAndLong, help: "Output directory, or - to write cleaned JSONL to stdout while the other files go to output.path (overrides output.path).")
    var output: String?

    @Option(help: "Stages to run, comma-separated, in this order (overrides stages).")
    var stages: String?

    @Option(help: "Worker threads (overrides workers; 0 = one per core).")
    var workers: Int?

    @Option(help: "Directory of a persistent dedup index to check against and update (overrides dedup.index).")
    var dedupIndex: String?

    @Option(help: "Log format: text or json.")
    var logFormat: String = "text"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        if let workers, workers < 0 { throw ValidationError("--workers must be 0 or more") }
        guard StderrLogHandler.Format(rawValue: logFormat) != nil else {
            throw ValidationError("--log-format must be text or json")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() throws {
        let format = StderrLogHandler.Format(rawValue: logFormat) ?? .text
        let level = Logger.Level(rawValue: logLevel) ?? .info
        var logger = Logger(label: "corpusclean") { label in
            var handler = StderrLogHandler(label: label, format: format)
            handler.logLevel = level
            return handler
        }
        logger.logLevel = level

        var config = try configOptions.load()
        if let stages {
            config.stages = try RunCommand.parseStages(stages)
        }
        if let workers { config.workers = workers }
        if let dedupIndex {
            config.dedup.index = dedupIndex.hasPrefix("/") ? dedupIndex
                : FileManager.default.currentDirectoryPath + "/" + dedupIndex
        }

        let inputPath = input ?? config.resolve(config.input.path)
        let toStdout = output == "-"
        let outputDirectory = (output == nil || toStdout) ? config.resolve(config.output.path) : output!

        let job = RunJob(config: config, inputPath: inputPath, outputDirectory: outputDirectory,
                         toStdout: toStdout, logger: logger)
        let summary: RunSummary
        do {
            summary = try job.run()
        } catch {
            logger.error("\(error.description)")
            throw ExitStatus.failure
        }
        logger.info("done", metadata: [
            "documents": "\(summary.documents)", "kept": "\(summary.kept)", "dropped": "\(summary.dropped)",
            "errors": "\(summary.errors)", "seconds": "\(JSONWriter.format(summary.seconds, decimals: 2))",
            "output": "\(outputDirectory)",
        ])
        if summary.errors > 0 { throw ExitStatus.documentErrors }
    }

    /// Parses `a,b,c` into stage names, or fails with the valid choices (exit 2).
    static func parseStages(_ text: String) throws -> [StageName] {
        var result: [StageName] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            guard let stage = StageName(rawValue: part) else {
                throw ValidationError("unknown stage \"\(part)\" in --stages; valid: \(StageName.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !result.contains(stage) else { throw ValidationError("stage \"\(part)\" given twice in --stages") }
            result.append(stage)
        }
        return result
    }
}
