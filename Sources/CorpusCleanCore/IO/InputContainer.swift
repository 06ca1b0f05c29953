/// What the first bytes of an input say it holds: data the readers take (plain, or compressed
/// with gzip or zstd) or a format they cannot read. Decided by magic bytes, whatever the name.
enum InputContainer: Equatable {
    case plain
    case gzip
    case zstd
    /// A format the readers do not take, by name ("Parquet", "zip"...).
    case unsupported(String)

    /// How many leading bytes `init(head:)` needs to tell every format.
    static let magicLength = 16
    /// How many leading bytes of the (decompressed) data are searched for a NUL byte.
    static let textCheckLength = 4096

    /// The inputs corpusclean reads, for messages.
    static let supportedFormats = "JSONL (.jsonl, .json), JSONL compressed with gzip (.jsonl.gz, .json.gz) or zstd (.jsonl.zst, .json.zst), "
        + "Common Crawl WET/WARC files (.warc.wet, .warc.wet.gz, .warc.wet.zst), a folder or glob of such files (shards), "
        + "or a directory of text files"

    /// Magic bytes of formats that are not text, each with its name.
    private static let foreign: [(magic: [UInt8], format: String)] = [
        (Array("PAR1".utf8), "Parquet"),
        ([0x50, 0x4B, 0x03, 0x04], "zip"), ([0x50, 0x4B, 0x05, 0x06], "zip"), ([0x50, 0x4B, 0x07, 0x08], "zip"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7z"),
        ([0x04, 0x22, 0x4D, 0x18], "LZ4"),
        (Array("LZIP".utf8), "lzip"),
        ([0x1F, 0x9D], "compress (.Z)"),
        (Array("ARROW1".utf8), "Arrow IPC"),
        (Array("Obj".utf8) + [0x01], "Avro"),
        (Array("SQLite format 3".utf8) + [0x00], "SQLite"),
        ([0x89] + Array("HDF\r\n".utf8) + [0x1A, 0x0A], "HDF5"),
        ([0x93] + Array("NUMPY".utf8), "NumPy"),
        (Array("%PDF-".utf8), "PDF"),
        ([0xFF, 0xFE], "UTF-16 text (convert it to UTF-8)"), ([0xFE, 0xFF], "UTF-16 text (convert it to UTF-8)"),
    ]

    /// The container of data that starts with `head`. Data in no known format is plain text,
    /// unless it does not start as a JSON record or a WARC header does and its first line
    /// holds a NUL byte (binary data). A JSONL record with a NUL in it is one bad document,
    /// which the reader reports as such, not a reason to refuse the whole input.
    init(head: some Collection<UInt8>) {
        let bytes = Array(head)
        if bytes.starts(with: [0x1F, 0x8B]) {
            self = .gzip
        } else if bytes.starts(with: [0x28, 0xB5, 0x2F, 0xFD])
                    || (bytes.count >= 4 && bytes[0] & 0xF0 == 0x50 && bytes[1...3].elementsEqual([0x2A, 0x4D, 0x18])) {
            // A zstd frame, or a skippable frame (magic 0x184D2A50...0x184D2A5F) before one.
            self = .zstd
        } else if bytes.starts(with: Array("BZh".utf8)), bytes.count > 3, (0x31...0x39).contains(bytes[3]) {
            self = .unsupported("bzip2")
        } else if let known = InputContainer.foreign.first(where: { bytes.starts(with: $0.magic) }) {
            self = .unsupported(known.format)
        } else if bytes.first != UInt8(ascii: "{"), !bytes.starts(with: Array("WARC/".utf8)),
                  bytes.prefix(while: { $0 != 0x0A }).contains(0) {
            self = .unsupported("binary data (a NUL byte in the first line)")
        } else {
            self = .plain
        }
    }

    /// How messages name the container.
    var name: String {
        switch self {
        case .plain: return "plain text"
        case .gzip: return "gzip"
        case .zstd: return "zstd"
        case let .unsupported(format): return format
        }
    }

    /// The error that refuses the input at `path`, which holds `format`.
    static func refusal(path: String, format: String) -> InputError {
        InputError(path: path, message: "unsupported input format: \(format); corpusclean reads \(supportedFormats)",
                   unsupportedFormat: true)
    }
}
