import ArgumentParser
import CorpusClean

/// Options shared by every command that reads a config.
struct ConfigOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The pipeline config file.")
    var config = "pipeline.json"

    /// Loads the config, or prints the error with file and key and exits with status 2.
    func load() throws -> PipelineConfig {
        do {
            return try PipelineConfig.load(path: config)
        } catch {
            printError("corpusclean: config error: \(error)")
            throw ExitStatus.usage
        }
    }
}
