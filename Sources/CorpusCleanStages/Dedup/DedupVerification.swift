import CorpusCleanCore
/// How the dedup stage checks an LSH candidate pair against the threshold.
public enum DedupVerification: String, OptionChoice {
    /// Exact Jaccard of the shingle sets (kept in a file, not in memory).
    case exact
    /// The MinHash estimate.
    case signature
}
