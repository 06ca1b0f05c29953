/// The `input` section: where documents come from and how they are read.
public struct InputOptions: ConfigOptions {
    public var path: String = "seeds"
    public var format: InputFormat = .auto
    public var idField: String = "id"
    public var textField: String = "text"
    public var invalidUTF8: InvalidUTF8Policy = .error
    /// A document larger than this (a file of a text directory, a JSONL line, a WET record) is
    /// an error document (its first 64 KiB kept in rejected.jsonl), so that one huge or
    /// endless document cannot exhaust memory.
    public var maxDocumentBytes: Int = 67108864

    public static let options: [ConfigOption<InputOptions>] = [
        .string("path", \.path, "A directory of text files (recursive), a .jsonl[.gz|.zst] file, a Common Crawl .warc.wet[.gz|.zst] file, a folder or glob of such files (shards), or - for JSONL on stdin (compression told by the first bytes). Relative to the config file."),
        .choice("format", \.format, "auto: a folder whose files all have record names (.jsonl, .json, .json.gz, .jsonl.zst, .warc.wet...) is a shard folder, another folder is text files, *.warc.wet[.gz|.zst] is Common Crawl WET, anything else JSONL. text: one folder of text files. jsonl, wet: every file read as that."),
        .string("id_field", \.idField, "JSONL field holding the document id."),
        .string("text_field", \.textField, "JSONL field holding the text."),
        .choice("invalid_utf8", \.invalidUTF8, "What to do with bytes that are not UTF-8: error (status error), replace (U+FFFD), detect (ICU charset detection, else replace), web (the web-noise policy: U+FFFD per ill-formed part if any well-formed multi-byte sequence, else Windows-1252)."),
        .integer("max_document_bytes", \.maxDocumentBytes, 1...(1 << 40), "A document larger than this (bytes; a file of a text directory, a JSONL line, a WET record) is an error document, its first 64 KiB kept in rejected.jsonl."),
    ]

    public init() {}
}
