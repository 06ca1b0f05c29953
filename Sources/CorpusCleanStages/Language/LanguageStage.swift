import CorpusCleanCore
/// The `language` stage: document language, confidence, top 3 and span shares; drops
/// documents outside the configured languages or below the minimum confidence.
public struct LanguageStage: DocumentStage {
    public let options: LanguageOptions
    private let identifier: LanguageIdentifier

    public init(options: LanguageOptions) {
        self.options = options
        identifier = LanguageIdentifier(bestEffort: options.bestEffort, mixedShare: options.mixedShare)
    }

    public func process(_ state: inout DocumentState) -> StageReport { report(processing: &state) }

    public func process(_ state: inout DocumentState, into report: inout StageReport) {
        let result = identifier.identify(state.text)
        if result.code == "und" {
            if options.unknown == .drop {
                report.dropReason = .languageUnknown
                report.dropDetail = "no reliable language"
            }
        } else if !options.allowed.isEmpty, !options.allowed.contains(result.code) {
            report.dropReason = .languageNotAllowed
            report.dropDetail = "\(result.code) is not in allowed \(options.allowed)"
        } else if result.confidence < options.minConfidence {
            report.dropReason = .languageLowConfidence
            report.dropDetail = "confidence \(JSONWriter.format(result.confidence, decimals: 3)) < \(options.minConfidence)"
        } else if result.mixed, options.mixed == .drop {
            report.dropReason = .languageMixed
            report.dropDetail = "spans " + result.spans.map { "\($0.code) \(JSONWriter.format($0.share, decimals: 2))" }.joined(separator: ", ")
        }
        // Last, moved rather than copied (a retain per array and string of the result).
        report.language = consume result
    }
}
