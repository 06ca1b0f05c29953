/// Options of the `normalize` stage.
public struct NormalizeOptions: Sendable {
    public var form: NormalizationForm
    public var removeControls: Bool
    public var removeFormat: Bool
    public var foldSpaces: Bool
    public var lineEndings: Bool
    public var trimTrailing: Bool
    public var htmlEntities: Bool
    public var foldQuotes: Bool
    public var foldDashes: Bool
    public var mojibake: Bool

    public static let specs: [OptionSpec] = [
        OptionSpec("form", .string(choices: NormalizationForm.allCases.map(\.rawValue)), default: .string("NFC"),
                   "Unicode normalization form applied last (ICU)."),
        OptionSpec("mojibake", .bool, default: .bool(true),
                   "Repair UTF-8 that was decoded as Windows-1252, Latin-1, MacRoman, Windows-1250/1251/1253/1254/1257, ISO-8859-2 or cp437 (once or twice, whole or in words; surrogate halves joined) where a badness measure says the text looks broken and the result no worse; read C1 controls as Windows-1252 characters."),
        OptionSpec("remove_controls", .bool, default: .bool(true),
                   "Remove C0/C1 control characters (tab and newline stay; with mojibake on, C1 controls other than the five Windows-1252 leaves undefined are read as its characters instead) and terminal escape sequences."),
        OptionSpec("remove_format", .bool, default: .bool(true),
                   "Remove zero-width spaces, word joiners, BOMs, soft hyphens and bidi embedding controls (ZWJ/ZWNJ stay)."),
        OptionSpec("fold_spaces", .bool, default: .bool(true), "Turn NBSP and other Unicode spaces into a plain space."),
        OptionSpec("line_endings", .bool, default: .bool(true), "Turn CRLF and lone CR into LF."),
        OptionSpec("trim_trailing", .bool, default: .bool(true), "Remove spaces and tabs at the end of lines."),
        OptionSpec("html_entities", .bool, default: .bool(true), "Decode HTML entities left in the text (&amp; &#39; &nbsp;...), once."),
        OptionSpec("fold_quotes", .bool, default: .bool(false), "Turn curly quotes into ASCII quotes."),
        OptionSpec("fold_dashes", .bool, default: .bool(false), "Turn en and em dashes into ASCII hyphens."),
    ]

    public init(section: ConfigSection) {
        form = NormalizationForm(rawValue: section.string("form")) ?? .nfc
        removeControls = section.bool("remove_controls")
        removeFormat = section.bool("remove_format")
        foldSpaces = section.bool("fold_spaces")
        lineEndings = section.bool("line_endings")
        trimTrailing = section.bool("trim_trailing")
        htmlEntities = section.bool("html_entities")
        foldQuotes = section.bool("fold_quotes")
        foldDashes = section.bool("fold_dashes")
        mojibake = section.bool("mojibake")
    }

    /// The defaults, as `pipeline.json` would give them with an empty section.
    public static var defaults: NormalizeOptions {
        // The specs are valid by construction; an empty section cannot fail.
        NormalizeOptions(section: try! ConfigSection(file: "<defaults>", path: "normalize", value: nil, specs: specs))
    }
}
