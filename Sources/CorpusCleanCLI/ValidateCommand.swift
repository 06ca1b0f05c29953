import ArgumentParser
import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut

/// `corpusclean validate`: checks a config without running it.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a config file without running it (exit 2 with file, key and reason when invalid).")

    @OptionGroup var configOptions: ConfigOptions

    func run() throws {
        let config = try configOptions.load()
        print("\(configOptions.used): valid; stages \(config.stages.map(\.rawValue).joined(separator: ", ")); config hash \(config.configHash)")
    }
}
