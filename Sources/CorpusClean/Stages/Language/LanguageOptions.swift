/// Options of the `language` stage.
public struct LanguageOptions: Sendable {
    /// ISO 639-1 codes (639-3 where there is none) to keep; empty keeps every language.
    public var allowed: [String]
    public var minConfidence: Double
    /// What to do with documents whose language is `und`: `keep` or `drop`.
    public var unknown: String
    public var bestEffort: Bool
    /// What to do with mixed documents: `keep` or `drop`.
    public var mixed: String
    public var mixedShare: Double

    public static let specs: [OptionSpec] = [
        OptionSpec("allowed", .stringList(choices: nil), default: .array([]),
                   "ISO 639-1 codes to keep (e.g. [\"en\", \"de\"]); empty keeps every language."),
        OptionSpec("min_confidence", .number(0...1), default: .number("0"),
                   "Drop documents whose language confidence is below this (0...1)."),
        OptionSpec("unknown", .string(choices: ["keep", "drop"]), default: .string("keep"),
                   "What to do with documents whose language is und (nothing reliable)."),
        OptionSpec("best_effort", .bool, default: .bool(true),
                   "Ask CLD2 for an answer on short text instead of unknown."),
        OptionSpec("mixed", .string(choices: ["keep", "drop"]), default: .string("keep"),
                   "What to do with mixed documents: those with at least mixed_share of their text in other languages than the document's (near-identical languages such as bs/hr/sr or id/ms count as one)."),
        OptionSpec("mixed_share", .number(0...1), default: .number("0.2"),
                   "Share of the text in other languages that makes a document mixed (0...1)."),
    ]

    /// Reads the section; a code of `allowed` that the stage never answers ("english",
    /// "iw" for "he") is a ConfigError at `language.allowed[i]`.
    public init(section: ConfigSection) throws(ConfigError) {
        allowed = section.strings("allowed")
        for (i, code) in allowed.enumerated() where !LanguageCodes.answerable.contains(code) {
            let hint = LanguageCodes.suggestion(for: code).map { "; did you mean \"\($0)\"?" }
                ?? ": give ISO 639-1 codes such as \"en\", ISO 639-3 where a language has none such as \"haw\", or \"und\""
            throw ConfigError(file: section.file, keyPath: "\(section.path).allowed[\(i)]",
                              message: "\"\(code)\" is not a language code the language stage answers\(hint)")
        }
        minConfidence = section.double("min_confidence")
        unknown = section.string("unknown")
        bestEffort = section.bool("best_effort")
        mixed = section.string("mixed")
        mixedShare = section.double("mixed_share")
    }

    public static var defaults: LanguageOptions {
        try! LanguageOptions(section: ConfigSection(file: "<defaults>", path: "language", value: nil, specs: specs))
    }
}
