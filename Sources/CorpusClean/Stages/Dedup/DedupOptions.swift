/// Options of the `dedup` stage.
public struct DedupOptions: Sendable {
    public var exact: Bool
    public var near: Bool
    public var threshold: Double
    public var lshThreshold: Double
    public var verify: String
    public var keep: String
    public var ngram: Int
    public var permutations: Int
    public var seed: Int
    /// Directory of the persistent index; empty for none.
    public var index: String

    public static let specs: [OptionSpec] = [
        OptionSpec("exact", .bool, default: .bool(true),
                   "Drop exact duplicates: same text once whitespace runs are collapsed."),
        OptionSpec("near", .bool, default: .bool(true), "Drop near-duplicates by MinHash/LSH."),
        OptionSpec("threshold", .number(0.05...1), default: .number("0.8"),
                   "Jaccard similarity of word n-gram shingle sets at or above which a document is a near-duplicate."),
        OptionSpec("lsh_threshold", .number(0...1), default: .number("0.75"),
                   "Similarity at which LSH bands/rows catch a pair with 99% probability; below threshold so pairs just above it are not missed (0 = threshold)."),
        OptionSpec("verify", .string(choices: ["exact", "signature"]), default: .string("exact"),
                   "How LSH candidates are checked against the threshold: exact Jaccard of the shingle sets (kept in a file, not in memory) or the MinHash estimate."),
        OptionSpec("keep", .string(choices: ["first", "longest"]), default: .string("first"),
                   "Which document of a cluster is kept: the first in input order, or the longest (decided after the whole input; holds every document until then)."),
        OptionSpec("ngram", .integer(1...32), default: .number("5"), "Words per shingle."),
        OptionSpec("permutations", .integer(16...1024), default: .number("128"),
                   "MinHash permutations; LSH bands and rows are derived from this and lsh_threshold."),
        OptionSpec("seed", .integer(0...Int(Int32.max)), default: .number("1"),
                   "Seed of the MinHash permutations (indexes built with another seed are not comparable)."),
        OptionSpec("index", .string(choices: nil), default: .string(""),
                   "Directory of a persistent index: documents are also checked against it, and it is rewritten with this run's documents (empty = none). Relative to the config file; --dedup-index overrides."),
    ]

    public init(section: ConfigSection) {
        exact = section.bool("exact")
        near = section.bool("near")
        threshold = section.double("threshold")
        lshThreshold = section.double("lsh_threshold")
        verify = section.string("verify")
        keep = section.string("keep")
        ngram = section.int("ngram")
        permutations = section.int("permutations")
        seed = section.int("seed")
        index = section.string("index")
    }

    public static var defaults: DedupOptions {
        DedupOptions(section: try! ConfigSection(file: "<defaults>", path: "dedup", value: nil, specs: specs))
    }

    /// The similarity that LSH is designed for: `lsh_threshold`, at most `threshold`.
    public var designThreshold: Double {
        lshThreshold > 0 ? min(lshThreshold, threshold) : threshold
    }
}
