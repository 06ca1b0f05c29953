import ArgumentParser
import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Foundation

/// Options shared by every command that reads a config.
struct ConfigOptions: ParsableArguments {
    /// The config read when --config is not given, when it exists.
    static let localConfig = "pipeline.json"

    @Option(name: .shortAndLong, help: "The pipeline config file (default: ./pipeline.json when there is one, else the built-in defaults).")
    var config: String?

    /// The file to read: --config, else ./pipeline.json when it exists; nil for the built-in defaults.
    var path: String? {
        config ?? (FileManager.default.fileExists(atPath: ConfigOptions.localConfig) ? ConfigOptions.localConfig : nil)
    }

    /// Which config is used, for the log.
    var used: String { path ?? "built-in defaults (no --config given and no ./pipeline.json)" }

    /// Loads the config (the built-in defaults, the values of the repository's pipeline.json,
    /// when there is no file to read), or prints the error with file and key and exits with status 2.
    func load() throws -> PipelineConfig {
        guard let path else { return PipelineConfig.defaults() }
        do {
            return try PipelineConfig.load(path: path)
        } catch {
            printError("corpusclean: config error: \(error)")
            throw ExitStatus.usage
        }
    }
}
