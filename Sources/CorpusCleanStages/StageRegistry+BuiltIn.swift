import CorpusCleanCore

extension StageRegistry {
    /// The built-in stages. Normalize first so every later stage sees clean text, language on
    /// the stripped text, dedup last on the final text.
    public static let builtIn = StageRegistry([
        StageDefinition(NormalizeStage.self),
        StageDefinition(BoilerplateStage.self),
        StageDefinition(LanguageStage.self),
        StageDefinition(DedupStage.self),
    ])
}
