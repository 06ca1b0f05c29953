import CorpusCleanCore
/// Options of the `language` stage.
public struct LanguageOptions: ConfigOptions {
    /// ISO 639-1 codes (639-3 where there is none) to keep; empty keeps every language.
    public var allowed: [String] = []
    public var minConfidence: Double = 0
    /// What to do with documents whose language is `und`.
    public var unknown: LanguageDisposition = .keep
    public var bestEffort: Bool = true
    /// What to do with mixed documents.
    public var mixed: LanguageDisposition = .keep
    public var mixedShare: Double = 0.2

    public static let options: [ConfigOption<LanguageOptions>] = [
        .strings("allowed", \.allowed,
                 "ISO 639-1 codes to keep (e.g. [\"en\", \"de\"]); empty keeps every language."),
        .number("min_confidence", \.minConfidence, 0...1,
                "Drop documents whose language confidence is below this (0...1)."),
        .choice("unknown", \.unknown,
                "What to do with documents whose language is und (nothing reliable)."),
        .bool("best_effort", \.bestEffort,
              "Ask CLD2 for an answer on short text instead of unknown."),
        .choice("mixed", \.mixed,
                "What to do with mixed documents: those with at least mixed_share of their text in other languages than the document's (near-identical languages such as bs/hr/sr or id/ms count as one)."),
        .number("mixed_share", \.mixedShare, 0...1,
                "Share of the text in other languages that makes a document mixed (0...1); a long document's lines are read only when a sample of it names other languages (docs/language.md)."),
    ]

    public init() {}

    /// A code of `allowed` that the stage never answers ("english", "iw" for "he") is a
    /// ConfigError at `language.allowed[i]`.
    public func validate(_ section: ConfigSection) throws(ConfigError) {
        for (i, code) in allowed.enumerated() where !LanguageCodes.answerable.contains(code) {
            let hint = LanguageCodes.suggestion(for: code).map { "; did you mean \"\($0)\"?" }
                ?? ": give ISO 639-1 codes such as \"en\", ISO 639-3 where a language has none such as \"haw\", or \"und\""
            throw ConfigError(file: section.file, keyPath: "\(section.path).allowed[\(i)]",
                              message: "\"\(code)\" is not a language code the language stage answers\(hint)")
        }
    }
}
