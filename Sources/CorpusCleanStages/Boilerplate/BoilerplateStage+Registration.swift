import CorpusCleanCore
extension StageName {
    /// The `boilerplate` stage.
    public static let boilerplate = StageName("boilerplate")
}

extension BoilerplateStage: RegisteredStage {
    public static let name = StageName.boilerplate
    public static let summary = "Removes page chrome line by line; every removed line has a reason code."

    public static func step(_ options: BoilerplateOptions, in config: PipelineConfig) -> PipelineStep {
        .document(BoilerplateStage(options: options))
    }
}
