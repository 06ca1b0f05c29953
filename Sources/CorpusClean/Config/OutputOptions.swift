/// The `output` section: where results go and what the JSONL output carries.
public struct OutputOptions: Sendable {
    public var path: String
    public var annotations: Bool
    public var annotationKey: String
    /// `auto`, `none`, `gzip` or `zstd` (see `OutputCompression`).
    public var compression: String

    public static let specs: [OptionSpec] = [
        OptionSpec("path", .string(choices: nil), default: .string("out"),
                   "Output directory (docs/ or documents.jsonl, rejected.jsonl, manifest.jsonl, summary.json). Relative to the config file."),
        OptionSpec("annotations", .bool, default: .bool(true),
                   "Add what the stages found (language, fixes, lines removed) to each JSONL record under annotation_key."),
        OptionSpec("annotation_key", .string(choices: nil), default: .string("corpusclean"),
                   "Field of the JSONL records that holds the annotations."),
        OptionSpec("compression", .string(choices: ["auto", "none", "gzip", "zstd"]), default: .string("auto"),
                   "Compression of the cleaned JSONL. auto: each cleaned shard of a sharded input keeps its input shard's name and so its compression (.gz, .zst), documents.jsonl and stdout are plain; gzip / zstd: documents.jsonl.gz / .zst, compressed stdout, shards named .gz / .zst; none: all plain."),
    ]

    public init(section: ConfigSection) {
        path = section.string("path")
        annotations = section.bool("annotations")
        annotationKey = section.string("annotation_key")
        compression = section.string("compression")
    }
}
