import ArgumentParser
import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `corpusclean explain <doc-id>`: what every stage did to one document, and why.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show stage by stage what happened to one document: removed lines and reasons, fixes, language scores, duplicate twin.")

    @Argument(help: "The document id (the path relative to the input directory, or the JSONL id).")
    var documentID: String

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .shortAndLong, help: "Input (overrides input.path).")
    var input: String?

    @Option(help: "Stages to run, comma-separated (overrides stages).")
    var stages: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(inversion: .prefixedNo, help: "Colour (default: only on a terminal).")
    var color: Bool?

    func run() throws {
        var config = try configOptions.load()
        if let stages { config.stages = try RunCommand.parseStages(stages, known: config.registry) }
        let inputPath = input ?? config.resolve(config.input.path)
        let console = Console(logFormat: "text", logLevel: "warning")
        let explanation: DocumentExplanation?
        do {
            explanation = try DocumentExplanation.explain(id: documentID, config: config, inputPath: inputPath, logger: console.logger)
        } catch {
            printError("corpusclean: \(error.description)")
            throw error.isUsageError ? ExitStatus.usage : ExitStatus.failure
        }
        guard let explanation else {
            printError("corpusclean: no document with id \"\(documentID)\" in \(inputPath)")
            throw ExitStatus.usage
        }
        if json {
            print(ExplainRenderer.json(explanation))
        } else {
            print(ExplainRenderer.text(explanation, color: color ?? (isatty(1) == 1)), terminator: "")
        }
    }
}
