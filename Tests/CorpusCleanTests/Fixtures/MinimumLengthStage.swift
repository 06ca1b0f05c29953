import CorpusCleanCore
import CorpusCleanStages

/// A toy stage, as a newcomer would add one: this file and one line in a registry
/// (`StageRegistryTests.registry`). It drops documents of fewer than `min_chars` characters
/// and records each document's length as its attribute `chars`.
struct MinimumLengthStage: DocumentStage, RegisteredStage {
    struct Options: ConfigOptions {
        var minChars = 200

        static let options: [ConfigOption<Options>] = [
            .integer("min_chars", \.minChars, 1...1_000_000, "Documents with fewer characters are dropped."),
        ]
    }

    static let name = StageName("min_length")
    static let summary = "Drops documents shorter than min_chars characters."
    static let reasons = [ReasonCode.tooShort]

    static func step(_ options: Options, in config: PipelineConfig) -> PipelineStep {
        .document(MinimumLengthStage(options: options))
    }

    let options: Options

    func process(_ state: inout DocumentState) -> StageReport {
        var report = StageReport(stage: name)
        let chars = state.text.count
        report.set("chars", .number(String(chars)))
        if chars < options.minChars {
            report.dropReason = .tooShort
            report.dropDetail = "\(chars) characters < min_chars \(options.minChars)"
        }
        return report
    }
}

extension ReasonCode {
    /// Fewer characters than `min_chars`.
    static let tooShort = ReasonCode("too_short")
}
