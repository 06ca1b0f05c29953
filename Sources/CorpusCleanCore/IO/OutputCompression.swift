/// How a file of cleaned JSONL is compressed, told by its name's last suffix (`.gz`, `.zst`).
public enum OutputCompression: String, Sendable, Equatable {
    case none
    case gzip
    case zstd

    /// The suffix a file name gets for it.
    public var suffix: String {
        switch self {
        case .none: return ""
        case .gzip: return ".gz"
        case .zstd: return ".zst"
        }
    }

    /// The compression a file named `name` says it holds: `.gz` gzip, `.zst` zstd, else none.
    public init(name: String) {
        if name.hasSuffix(".gz") {
            self = .gzip
        } else if name.hasSuffix(".zst") {
            self = .zstd
        } else {
            self = .none
        }
    }

    /// `output.compression` for one file: `auto` is none (a single documents.jsonl and
    /// standard output are written plain unless asked).
    public init(option: CompressionOption) {
        self = OutputCompression.named(by: option) ?? .none
    }

    /// The compression `option` names; nil for `auto`, which depends on the file.
    private static func named(by option: CompressionOption) -> OutputCompression? {
        switch option {
        case .auto: return nil
        case .none: return OutputCompression.none
        case .gzip: return .gzip
        case .zstd: return .zstd
        }
    }

    /// The name of the cleaned shard of the input shard `relative` under `output.compression`:
    /// `auto` keeps the name (and so the compression it says); `none`, `gzip` and `zstd` replace
    /// its compression suffix (`a.json.gz` with `zstd` is `a.json.zst`). The cleaned shard of a
    /// WET file holds JSON Lines, so `.warc.wet` or `.wet` becomes `.jsonl` (`x.warc.wet.gz` is
    /// `x.jsonl.gz` with `auto`).
    public static func shardName(_ relative: String, option: CompressionOption) -> String {
        let inputCompression = OutputCompression(name: relative)
        var plain = String(relative.dropLast(inputCompression.suffix.count))
        if let wet = [".warc.wet", ".wet"].first(where: plain.hasSuffix) {
            plain = String(plain.dropLast(wet.count)) + ".jsonl"
        }
        return plain + (OutputCompression.named(by: option) ?? inputCompression).suffix
    }
}
