import CorpusCleanCore
extension StageName {
    /// The `language` stage.
    public static let language = StageName("language")
}

extension ReasonCode {
    /// No reliable language, with `unknown: drop`.
    public static let languageUnknown = ReasonCode("language_unknown")
    /// The language is not in `allowed`.
    public static let languageNotAllowed = ReasonCode("language_not_allowed")
    /// The confidence is below `min_confidence`.
    public static let languageLowConfidence = ReasonCode("language_low_confidence")
    /// Other languages hold `mixed_share` of the text or more, with `mixed: drop`.
    public static let languageMixed = ReasonCode("language_mixed")
}

extension LanguageStage: RegisteredStage {
    public static let name = StageName.language
    public static let summary = "CLD2 language identification with confidence, top 3 and per-span shares; filters by language."

    public static let reasons: [ReasonCode] = [.languageNotAllowed, .languageLowConfidence, .languageUnknown, .languageMixed]

    public static func step(_ options: LanguageOptions, in config: PipelineConfig) -> PipelineStep {
        .document(LanguageStage(options: options))
    }
}
