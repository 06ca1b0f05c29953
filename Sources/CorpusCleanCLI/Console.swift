import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
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
                    "stage": "\(stage.stage.rawValue)", "in": .stringConvertible(stage.documentsIn),
                    "out": .stringConvertible(stage.documentsOut), "dropped": Console.counts(stage.dropped),
                    "lines_removed": Console.counts(stage.linesRemoved), "seconds": Console.seconds(stage.seconds),
                ])
            }
            logger.info("done", metadata: [
                "documents": .stringConvertible(summary.documents), "kept": .stringConvertible(summary.kept),
                "dropped": .stringConvertible(summary.dropped), "errors": .stringConvertible(summary.errors),
                "errors_by_reason": Console.counts(summary.errorReasons), "seconds": Console.seconds(summary.seconds),
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

    /// Counts by reason as a metadata object (a JSON object in JSON logs).
    static func counts(_ counts: [String: Int]) -> Logger.Metadata.Value {
        .dictionary(counts.mapValues { .stringConvertible($0) })
    }

    /// Seconds rounded to milliseconds, as a number.
    static func seconds(_ value: Double) -> Logger.Metadata.Value {
        .stringConvertible((value * 1000).rounded() / 1000)
    }

    /// Counts by reason for the text table: `a=1 b=2`, or `-` when there are none.
    static func describe(_ counts: [String: Int]) -> String {
        counts.isEmpty ? "-" : counts.keys.sorted().map { "\($0)=\(counts[$0]!)" }.joined(separator: " ")
    }
}
