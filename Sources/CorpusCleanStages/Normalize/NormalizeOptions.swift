import CorpusCleanCore
/// Options of the `normalize` stage.
public struct NormalizeOptions: ConfigOptions, Hashable {
    public var form: NormalizationForm = .nfc
    public var removeControls: Bool = true
    public var removeFormat: Bool = true
    public var foldSpaces: Bool = true
    public var lineEndings: Bool = true
    public var trimTrailing: Bool = true
    public var htmlEntities: Bool = true
    public var foldQuotes: Bool = false
    public var foldDashes: Bool = false
    public var mojibake: Bool = true

    public static let options: [ConfigOption<NormalizeOptions>] = [
        .choice("form", \.form, "Unicode normalization form applied last (ICU)."),
        .bool("mojibake", \.mojibake, "Repair UTF-8 that was decoded as Windows-1252, Latin-1, MacRoman, Windows-1250/1251/1253/1254/1257, ISO-8859-2 or cp437 (once or twice, whole or in words; surrogate halves joined) where a badness measure says the text looks broken and the result no worse; read C1 controls as Windows-1252 characters."),
        .bool("remove_controls", \.removeControls, "Remove C0/C1 control characters (tab and newline stay; with mojibake on, C1 controls other than the five Windows-1252 leaves undefined are read as its characters instead) and terminal escape sequences."),
        .bool("remove_format", \.removeFormat, "Remove zero-width spaces, word joiners, BOMs, soft hyphens and bidi embedding controls (ZWJ/ZWNJ stay)."),
        .bool("fold_spaces", \.foldSpaces, "Turn NBSP and other Unicode spaces into a plain space."),
        .bool("line_endings", \.lineEndings, "Turn CRLF and lone CR into LF."),
        .bool("trim_trailing", \.trimTrailing, "Remove spaces and tabs at the end of lines."),
        .bool("html_entities", \.htmlEntities, "Decode HTML entities left in the text (&amp; &#39; &nbsp;...), once."),
        .bool("fold_quotes", \.foldQuotes, "Turn curly quotes into ASCII quotes."),
        .bool("fold_dashes", \.foldDashes, "Turn en and em dashes into ASCII hyphens."),
    ]

    public init() {}
}
