import CorpusCleanCore
extension StageName {
    /// The `normalize` stage.
    public static let normalize = StageName("normalize")
}

extension NormalizeStage: RegisteredStage {
    public static let name = StageName.normalize
    public static let summary = "Unicode normalization (ICU) and text repair: controls, zero-width, spaces, line ends."

    public static func step(_ options: NormalizeOptions, in config: PipelineConfig) -> PipelineStep {
        .document(NormalizeStage(options: options))
    }
}
