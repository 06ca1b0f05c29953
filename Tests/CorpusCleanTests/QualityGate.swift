import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The quality gate's shared parts: the gold sets in Tests/Data/quality (see its README) and
/// the check of a measured figure against its floor.
enum QualityGate {
    static func path(_ name: String) -> String {
        TestSupport.packageRoot.appendingPathComponent("Tests/Data/quality/\(name)").path
    }

    /// The objects of a JSONL file of the gold sets.
    static func records(_ name: String) throws -> [JSONValue] {
        try NormalizeEvaluation.records(path(name))
    }

    /// Fails unless `measured` reaches `floor`, naming both and the first of `misses`.
    static func expect(_ figure: String, measured: Double, floor: Double, misses: [String] = [],
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let shown = misses.prefix(15).joined(separator: "\n  ")
        #expect(measured >= floor, "\(figure): measured \(format(measured)), floor \(format(floor))\(shown.isEmpty ? "" : "\n  " + shown)",
                sourceLocation: sourceLocation)
    }

    /// Fails unless `measured` stays at or under `ceiling` (a count of errors), naming both.
    static func expect(_ figure: String, measured: Int, ceiling: Int, misses: [String] = [],
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let shown = misses.prefix(15).joined(separator: "\n  ")
        #expect(measured <= ceiling, "\(figure): measured \(measured), ceiling \(ceiling)\(shown.isEmpty ? "" : "\n  " + shown)",
                sourceLocation: sourceLocation)
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.4f", value)
    }
}
