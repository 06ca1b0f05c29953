import ArgumentParser
import CorpusClean

/// `corpusclean stages`: every stage and option with type and default, from the same specs
/// that decode pipeline.json.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List the stages and every option of pipeline.json with its type and default.")

    func run() throws {
        print("Top level of pipeline.json:")
        printSpecs(PipelineConfig.specs)
        print("\ninput:")
        printSpecs(InputOptions.specs)
        print("\noutput:")
        printSpecs(OutputOptions.specs)
        for stage in StageRegistry.builtIn.definitions {
            print("\nstage \(stage.name): \(stage.summary)")
            printSpecs(stage.specs)
        }
    }

    private func printSpecs(_ specs: [OptionSpec]) {
        for spec in specs {
            if case .section = spec.type { continue }
            print("  \(spec.key)  (\(spec.type.display), default \(spec.defaultText))")
            print("      \(spec.help)")
        }
    }
}
