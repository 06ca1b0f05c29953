/// One file of a sharded input: where it is, the name it has in the input (and, with its
/// compression suffix set by `output.compression`, in the output), and how it is read.
public struct InputShard: Sendable, Equatable {
    /// The file, as the run opens it.
    public let path: String
    /// Its path relative to the input's root (see `InputSet`): the manifest's `source` and
    /// the cleaned shard's name under `docs/`.
    public let relative: String
    /// A Common Crawl WET file rather than JSON Lines.
    public let isWET: Bool

    package init(path: String, relative: String, isWET: Bool) {
        self.path = path
        self.relative = relative
        self.isWET = isWET
    }

    /// Names of files that hold records (JSON Lines or WET, plain, gzip or zstd): a folder of
    /// only such files is a shard folder.
    public static let recordSuffixes = [".jsonl", ".json", ".jsonl.gz", ".json.gz", ".jsonl.zst", ".json.zst",
                                        ".warc.wet", ".warc.wet.gz", ".warc.wet.zst", ".wet", ".wet.gz", ".wet.zst"]

    /// Whether a file named `name` holds records by its name.
    public static func isRecordFile(_ name: String) -> Bool {
        recordSuffixes.contains { name.hasSuffix($0) }
    }
}
