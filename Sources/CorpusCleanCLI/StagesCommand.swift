import ArgumentParser
import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut

/// `corpusclean stages`: every stage and option with type and default (`ConfigReference`).
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List the stages and every option of pipeline.json with its type and default.")

    func run() throws {
        print(ConfigReference(registry: .builtIn).text, terminator: "")
    }
}
