import Foundation
import Logging

/// One run of the pipeline from an input path to an output directory: opens the reader,
/// runs, and commits the output.
public struct RunJob {
    public let config: PipelineConfig
    public let inputPath: String
    public let outputDirectory: String
    public let toStdout: Bool
    public let logger: Logger

    public init(config: PipelineConfig, inputPath: String, outputDirectory: String, toStdout: Bool = false, logger: Logger) {
        self.config = config
        self.inputPath = inputPath
        self.outputDirectory = outputDirectory
        self.toStdout = toStdout
        self.logger = logger
    }

    /// Opens the input as a text directory or as JSON Lines.
    public func makeReader() throws(InputError) -> any DocumentReader {
        var isDirectory: ObjCBool = false
        let exists = inputPath != "-" && FileManager.default.fileExists(atPath: inputPath, isDirectory: &isDirectory)
        if inputPath != "-" && !exists { throw InputError(path: inputPath, message: "no such file or directory") }
        let asText = config.input.format == "text" || (config.input.format == "auto" && isDirectory.boolValue)
        if asText {
            guard isDirectory.boolValue else { throw InputError(path: inputPath, message: "input.format is text but this is not a directory") }
            return try TextDirectoryReader(root: inputPath, decoder: ByteDecoder(invalidUTF8: config.input.invalidUTF8),
                                          excluding: [outputDirectory])
        }
        return try JSONLReader(path: inputPath, idField: config.input.idField, textField: config.input.textField)
    }

    /// Runs the pipeline and commits the output. Returns the summary.
    public func run(limit: Int? = nil) throws(InputError) -> RunSummary {
        var reader = try makeReader()
        let layout: OutputLayout = toStdout ? .stdout : (reader.producesFiles ? .files : .jsonl)
        let writer = try OutputWriter(directory: outputDirectory, layout: layout,
                                      encoder: RecordEncoder(output: config.output, input: config.input))
        var summary = RunSummary(stages: config.stages, configHash: config.configHash, input: inputPath)
        let runner = PipelineRunner(steps: config.makeSteps(), workers: config.effectiveWorkers,
                                    batchSize: config.batchSize, logger: logger)
        logger.info("run", metadata: ["input": "\(inputPath)", "output": "\(outputDirectory)",
                                      "stages": "\(config.stages.map(\.rawValue).joined(separator: ","))",
                                      "workers": "\(config.effectiveWorkers)"])
        if !runner.prepasses.isEmpty {
            if inputPath == "-" {
                logger.warning("corpus pre-pass skipped: standard input cannot be read twice")
            } else {
                var first = try makeReader()
                runner.prepass(reader: &first, limit: limit)
            }
        }
        try runner.run(reader: &reader, writer: writer, summary: &summary, limit: limit)
        if let jsonl = reader as? JSONLReader, let error = jsonl.streamError { throw error }
        try writer.commit(summary: summary.json())
        return summary
    }
}
