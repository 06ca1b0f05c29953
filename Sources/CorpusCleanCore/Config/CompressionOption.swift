/// `output.compression`: how the cleaned JSONL is compressed.
public enum CompressionOption: String, OptionChoice {
    /// Each cleaned shard keeps its input shard's compression; a single documents.jsonl and
    /// standard output are plain.
    case auto
    case none
    case gzip
    case zstd
}
