/// The `output` section: where results go and what the JSONL output carries.
public struct OutputOptions: Sendable {
    public var path: String
    public var annotations: Bool
    public var annotationKey: String
    /// `none` or `gzip` (documents.jsonl.gz, and gzip on stdout).
    public var compression: String

    public static let specs: [OptionSpec] = [
        OptionSpec("path", .string(choices: nil), default: .string("out"),
                   "Output directory (docs/ or documents.jsonl, rejected.jsonl, manifest.jsonl, summary.json). Relative to the config file."),
        OptionSpec("annotations", .bool, default: .bool(true),
                   "Add what the stages found (language, fixes, lines removed) to each JSONL record under annotation_key."),
        OptionSpec("annotation_key", .string(choices: nil), default: .string("corpusclean"),
                   "Field of the JSONL records that holds the annotations."),
        OptionSpec("compression", .string(choices: ["none", "gzip"]), default: .string("none"),
                   "gzip writes documents.jsonl.gz (and gzip-compressed JSONL on stdout with --output -)."),
    ]

    public init(section: ConfigSection) {
        path = section.string("path")
        annotations = section.bool("annotations")
        annotationKey = section.string("annotation_key")
        compression = section.string("compression")
    }
}
