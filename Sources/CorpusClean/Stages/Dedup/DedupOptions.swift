/// Options of the `dedup` stage.
public struct DedupOptions: Sendable {
    public var exact: Bool
    public var near: Bool
    public var threshold: Double
    public var ngram: Int
    public var permutations: Int
    public var seed: Int

    public static let specs: [OptionSpec] = [
        OptionSpec("exact", .bool, default: .bool(true),
                   "Drop exact duplicates: same text once whitespace runs are collapsed."),
        OptionSpec("near", .bool, default: .bool(true), "Drop near-duplicates by MinHash/LSH."),
        OptionSpec("threshold", .number(0.05...1), default: .number("0.8"),
                   "Jaccard similarity of word n-gram shingle sets at or above which a document is a near-duplicate."),
        OptionSpec("ngram", .integer(1...32), default: .number("5"), "Words per shingle."),
        OptionSpec("permutations", .integer(16...1024), default: .number("128"),
                   "MinHash permutations; LSH bands and rows are derived from this and the threshold."),
        OptionSpec("seed", .integer(0...Int(Int32.max)), default: .number("1"),
                   "Seed of the MinHash permutations (indexes built with another seed are not comparable)."),
    ]

    public init(section: ConfigSection) {
        exact = section.bool("exact")
        near = section.bool("near")
        threshold = section.double("threshold")
        ngram = section.int("ngram")
        permutations = section.int("permutations")
        seed = section.int("seed")
    }

    public static var defaults: DedupOptions {
        DedupOptions(section: try! ConfigSection(file: "<defaults>", path: "dedup", value: nil, specs: specs))
    }
}
