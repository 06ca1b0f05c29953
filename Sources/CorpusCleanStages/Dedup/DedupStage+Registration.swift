import CorpusCleanCore
extension StageName {
    /// The `dedup` stage.
    public static let dedup = StageName("dedup")
}

extension DedupStage: RegisteredStage {
    public static let name = StageName.dedup
    public static let summary = "Exact and near-duplicate removal: MinHash over word shingles with LSH banding, verified pairs, union-find clusters."

    /// The saved index's directory (`index`) is relative to the config file.
    public static func step(_ options: DedupOptions, in config: PipelineConfig) -> PipelineStep {
        var options = options
        if !options.index.isEmpty { options.index = config.resolve(options.index) }
        return .corpus(DedupStage(options: options))
    }
}
