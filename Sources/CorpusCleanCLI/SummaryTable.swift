import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut

/// The per-stage table printed at the end of a run.
enum SummaryTable {
    static func render(_ summary: RunSummary) -> String {
        var rows: [[String]] = [["stage", "in", "out", "dropped by reason", "lines removed", "seconds"]]
        rows.append(["read", "\(summary.documents)", "\(summary.documents - summary.errors)",
                     summary.errorReasons.isEmpty ? "-" : "errors: " + Console.describe(summary.errorReasons), "-", "-"])
        for stage in summary.stages {
            rows.append([stage.stage.rawValue, "\(stage.documentsIn)", "\(stage.documentsOut)", Console.describe(stage.dropped),
                         "\(stage.linesRemoved.values.reduce(0, +))", JSONWriter.format(stage.seconds, decimals: 3)])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.enumerated().map { index, row in
            let line = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || column == 3 ? cell + pad : pad + cell
            }.joined(separator: "  ")
            return index == 0 ? line + "\n" + String(repeating: "-", count: line.count) : line
        }.joined(separator: "\n")
    }
}
