/// Options of the `language` stage.
public struct LanguageOptions: Sendable {
    /// ISO 639-1 codes to keep; empty keeps every language.
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

    public init(section: ConfigSection) {
        allowed = section.strings("allowed")
        minConfidence = section.double("min_confidence")
        unknown = section.string("unknown")
        bestEffort = section.bool("best_effort")
        mixed = section.string("mixed")
        mixedShare = section.double("mixed_share")
    }

    public static var defaults: LanguageOptions {
        LanguageOptions(section: try! ConfigSection(file: "<defaults>", path: "language", value: nil, specs: specs))
    }
}
