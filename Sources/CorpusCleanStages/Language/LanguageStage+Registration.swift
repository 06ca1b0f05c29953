import CorpusCleanCore
extension StageName {
    /// The `language` stage.
    public static let language = StageName("language")
}

extension LanguageStage: RegisteredStage {
    public static let name = StageName.language
    public static let summary = "CLD2 language identification with confidence, top 3 and per-span shares; filters by language."

    public static func step(_ options: LanguageOptions, in config: PipelineConfig) -> PipelineStep {
        .document(LanguageStage(options: options))
    }
}
