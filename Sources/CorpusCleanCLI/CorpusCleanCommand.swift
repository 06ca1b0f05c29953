import ArgumentParser
import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut

/// The `corpusclean` command.
struct CorpusCleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpusclean",
        abstract: "Cleans a text corpus: normalization, boilerplate stripping, language ID, deduplication.",
        discussion: """
        Reads a directory of text files or JSON Lines, runs the stages of pipeline.json (the built-in \
        defaults when there is none) concurrently and writes cleaned documents, rejected.jsonl, \
        manifest.jsonl and summary.json.

        Exit status: 0 success; 1 the run failed; 2 usage or configuration error, or an input \
        format that is not read; \
        3 finished, but some documents had errors.
        """,
        version: RunSummary.toolVersion,
        subcommands: [RunCommand.self, ExplainCommand.self, StagesCommand.self, ValidateCommand.self, TaskCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
