import CorpusCleanCore
extension StageName {
    /// The `dedup` stage.
    public static let dedup = StageName("dedup")
}

extension ReasonCode {
    /// The same text, once whitespace runs are collapsed, as an earlier document's.
    public static let exactDuplicate = ReasonCode("exact_duplicate")
    /// A near-duplicate of an earlier document (or, with `keep: longest`, of a longer one).
    public static let nearDuplicate = ReasonCode("near_duplicate")

    /// The drop reason of a duplicate: `exactDuplicate` or `nearDuplicate`.
    public static func duplicate(exact: Bool) -> ReasonCode { exact ? .exactDuplicate : .nearDuplicate }
}

extension DedupStage: RegisteredStage {
    public static let name = StageName.dedup
    public static let summary = "Exact and near-duplicate removal: MinHash over word shingles with LSH banding, verified pairs, union-find clusters."

    public static let reasons: [ReasonCode] = [.exactDuplicate, .nearDuplicate]

    /// The saved index's directory (`index`) is relative to the config file.
    public static func step(_ options: DedupOptions, in config: PipelineConfig) -> PipelineStep {
        var options = options
        if !options.index.isEmpty { options.index = config.resolve(options.index) }
        return .corpus(DedupStage(options: options))
    }
}
