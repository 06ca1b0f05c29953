import CorpusCleanCore
/// Options of the `dedup` stage.
public struct DedupOptions: ConfigOptions {
    public var exact: Bool = true
    public var near: Bool = true
    public var threshold: Double = 0.8
    public var lshThreshold: Double = 0.75
    public var verify: DedupVerification = .exact
    public var keep: DedupKeep = .first
    public var ngram: Int = 5
    public var permutations: Int = 128
    public var seed: Int = 1
    /// Directory of the persistent index; empty for none.
    public var index: String = ""

    public static let options: [ConfigOption<DedupOptions>] = [
        .bool("exact", \.exact, "Drop exact duplicates: same text once whitespace runs are collapsed."),
        .bool("near", \.near, "Drop near-duplicates by MinHash/LSH."),
        .number("threshold", \.threshold, 0.05...1, "Jaccard similarity of word n-gram shingle sets at or above which a document is a near-duplicate."),
        .number("lsh_threshold", \.lshThreshold, 0...1, "Similarity at which LSH bands/rows catch a pair with 99% probability; below threshold so pairs just above it are not missed (0 = threshold)."),
        .choice("verify", \.verify, "How LSH candidates are checked against the threshold: exact Jaccard of the shingle sets (kept in a file, not in memory) or the MinHash estimate."),
        .choice("keep", \.keep, "Which document of a cluster is kept: the first in input order, or the longest (decided after the whole input; holds every document until then)."),
        .integer("ngram", \.ngram, 1...32, "Words per shingle."),
        .integer("permutations", \.permutations, 16...1024, "MinHash permutations; LSH bands and rows are derived from this and lsh_threshold."),
        .integer("seed", \.seed, 0...Int(Int32.max), "Seed of the MinHash permutations (indexes built with another seed are not comparable)."),
        .string("index", \.index, "Directory of a persistent index: documents are also checked against it, and it is rewritten with this run's documents (empty = none). Relative to the config file; --dedup-index overrides."),
    ]

    public init() {}

    /// The similarity that LSH is designed for: `lsh_threshold`, at most `threshold`.
    public var designThreshold: Double {
        lshThreshold > 0 ? min(lshThreshold, threshold) : threshold
    }
}
