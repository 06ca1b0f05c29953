/// How `input.format` says to read the input.
public enum InputFormat: String, OptionChoice {
    /// A shard folder when every file has a record name, another folder as text files, a
    /// `.warc.wet[.gz|.zst]` file as WET, anything else as JSON Lines.
    case auto
    /// One folder of text files.
    case text
    /// Every file as JSON Lines.
    case jsonl
    /// Every file as Common Crawl WET.
    case wet
}
