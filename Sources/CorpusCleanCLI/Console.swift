import CorpusClean
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// What the command shows on stderr: logs (text on a terminal, JSON lines otherwise) and the
/// final summary table.
struct Console {
    let logger: Logger
    let format: StderrLogHandler.Format
    let stderrIsTerminal: Bool

    init(logFormat: String, logLevel: String) {
        stderrIsTerminal = isatty(2) == 1
        let format: StderrLogHandler.Format = logFormat == "auto" ? (stderrIsTerminal ? .text : .json)
            : StderrLogHandler.Format(rawValue: logFormat) ?? .text
        let level = Logger.Level(rawValue: logLevel) ?? .info
        var logger = Logger(label: "corpusclean") { label in
            var handler = StderrLogHandler(label: label, format: format)
            handler.logLevel = level
            return handler
        }
        logger.logLevel = level
        self.logger = logger
        self.format = format
    }

    /// The end of a run: a table per stage in text mode, one log line per stage in JSON mode.
    func report(_ summary: RunSummary, output: String?) {
        if format == .json {
            for stage in summary.stages {
                logger.info("stage", metadata: [
                    "stage": "\(stage.stage.rawValue)", "in": "\(stage.documentsIn)", "out": "\(stage.documentsOut)",
                    "dropped": "\(Console.describe(stage.dropped))", "seconds": "\(JSONWriter.format(stage.seconds, decimals: 3))",
                ])
            }
            logger.info("done", metadata: [
                "documents": "\(summary.documents)", "kept": "\(summary.kept)", "dropped": "\(summary.dropped)",
                "errors": "\(summary.errors)", "seconds": "\(JSONWriter.format(summary.seconds, decimals: 3))",
                "output": "\(output ?? "(dry run)")",
            ])
            return
        }
        guard logger.logLevel <= .info else { return }
        printError(SummaryTable.render(summary))
        printError("corpusclean: \(summary.documents) documents: \(summary.kept) kept, \(summary.dropped) dropped, "
                   + "\(summary.errors) errors in \(JSONWriter.format(summary.seconds, decimals: 2)) s"
                   + (output.map { " -> \($0)" } ?? " (dry run: nothing written)"))
    }

    static func describe(_ counts: [String: Int]) -> String {
        counts.isEmpty ? "-" : counts.keys.sorted().map { "\($0)=\(counts[$0]!)" }.joined(separator: " ")
    }
}
