/// The `output` section: where results go and what the JSONL output carries.
public struct OutputOptions: ConfigOptions {
    public var path: String = "out"
    public var annotations: Bool = true
    public var annotationKey: String = "corpusclean"
    public var compression: CompressionOption = .auto
    /// The attribute set of the Dolma attribute files to write (`attributes/NAME/`), empty for none.
    public var dolmaAttributes: String = ""

    public static let options: [ConfigOption<OutputOptions>] = [
        .string("path", \.path, "Output directory (docs/ or documents.jsonl, rejected.jsonl, manifest.jsonl, summary.json). Relative to the config file."),
        .bool("annotations", \.annotations, "Add what the stages found (language, fixes, lines removed) to each JSONL record under annotation_key."),
        .string("annotation_key", \.annotationKey, "Field of the JSONL records that holds the annotations."),
        .choice("compression", \.compression, "Compression of the cleaned JSONL. auto: each cleaned shard of a sharded input keeps its input shard's name and so its compression (.gz, .zst), documents.jsonl and stdout are plain; gzip / zstd: documents.jsonl.gz / .zst, compressed stdout, shards named .gz / .zst; none: all plain."),
        .string("dolma_attributes", \.dolmaAttributes, "With a name (letters, digits, _ and -), also write Dolma attribute files: attributes/NAME/<input shard's name>, one line per input document in input order, so Dolma's mixer can apply the decisions to the input (NAME__kept, NAME__<stage>__<reason>, NAME__language__<code>, NAME__boilerplate__<reason> line spans). JSONL and WET input only. Empty: none."),
    ]

    public init() {}

    /// `dolma_attributes` names a folder and prefixes the attributes: letters, digits, _ and - only.
    public func validate(_ section: ConfigSection) throws(ConfigError) {
        let allowed = dolmaAttributes.utf8.allSatisfy { b in
            (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
        if !allowed {
            throw ConfigError(file: section.file, keyPath: "\(section.path).dolma_attributes",
                              message: "\"\(dolmaAttributes)\" is not a name of letters, digits, _ and - (it names the folder attributes/NAME/ and prefixes the attributes)")
        }
    }
}
