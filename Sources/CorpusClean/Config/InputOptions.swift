/// The `input` section: where documents come from and how they are read.
public struct InputOptions: Sendable {
    public var path: String
    public var format: String
    public var idField: String
    public var textField: String
    /// `error`: a document that is not valid UTF-8 is an error; `replace`: invalid bytes become
    /// U+FFFD; `detect`: ICU charset detection converts it when confident, else `replace`.
    public var invalidUTF8: String
    /// A document larger than this (a file of a text directory, a JSONL line, a WET record) is
    /// an error document (its first 64 KiB kept in rejected.jsonl), so that one huge or
    /// endless document cannot exhaust memory.
    public var maxDocumentBytes: Int

    public static let specs: [OptionSpec] = [
        OptionSpec("path", .string(choices: nil), default: .string("seeds"),
                   "A directory of text files (recursive), a .jsonl[.gz|.zst] file, a Common Crawl .warc.wet[.gz|.zst] file, a folder or glob of such files (shards), or - for JSONL on stdin (compression told by the first bytes). Relative to the config file."),
        OptionSpec("format", .string(choices: ["auto", "text", "jsonl", "wet"]), default: .string("auto"),
                   "auto: a folder whose files all have record names (.jsonl, .json, .json.gz, .jsonl.zst, .warc.wet...) is a shard folder, another folder is text files, *.warc.wet[.gz|.zst] is Common Crawl WET, anything else JSONL. text: one folder of text files. jsonl, wet: every file read as that."),
        OptionSpec("id_field", .string(choices: nil), default: .string("id"), "JSONL field holding the document id."),
        OptionSpec("text_field", .string(choices: nil), default: .string("text"), "JSONL field holding the text."),
        OptionSpec("invalid_utf8", .string(choices: ["error", "replace", "detect", "web"]), default: .string("error"),
                   "What to do with bytes that are not UTF-8: error (status error), replace (U+FFFD), detect (ICU charset detection, else replace), web (the web-noise policy: U+FFFD per ill-formed part if any well-formed multi-byte sequence, else Windows-1252)."),
        OptionSpec("max_document_bytes", .integer(1...(1 << 40)), default: .number("67108864"),
                   "A document larger than this (bytes; a file of a text directory, a JSONL line, a WET record) is an error document, its first 64 KiB kept in rejected.jsonl."),
    ]

    public init(section: ConfigSection) {
        path = section.string("path")
        format = section.string("format")
        idField = section.string("id_field")
        textField = section.string("text_field")
        invalidUTF8 = section.string("invalid_utf8")
        maxDocumentBytes = section.int("max_document_bytes")
    }
}
