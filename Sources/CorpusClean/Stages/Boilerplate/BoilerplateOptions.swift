/// Options of the `boilerplate` stage.
public struct BoilerplateOptions: Sendable {
    /// `normal`, or `conservative`: never drop a line of 20 or more words.
    public var mode: String
    public var uiPhrases: Bool
    public var foreignScript: Bool
    public var slugs: Bool
    public var headTail: Bool
    public var linkLists: Bool
    public var repeatedInDocument: Bool
    /// A line with at least this many words and a sentence end counts as article content.
    public var contentMinWords: Int

    public static let specs: [OptionSpec] = [
        OptionSpec("mode", .string(choices: ["normal", "conservative"]), default: .string("normal"),
                   "conservative never drops a line of 20 or more words."),
        OptionSpec("ui_phrases", .bool, default: .bool(true),
                   "Drop known interface strings (Subscribe, Leave a Reply, READ MORE: ...) in several languages."),
        OptionSpec("foreign_script", .bool, default: .bool(true),
                   "Drop lines written in another script than the document (e.g. Russian UI under an English article)."),
        OptionSpec("slugs", .bool, default: .bool(true), "Drop image/URL slugs such as ypj-milicias-kurdas."),
        OptionSpec("head_tail", .bool, default: .bool(true),
                   "Drop short non-sentence lines before the first and after the last paragraph (the title stays)."),
        OptionSpec("link_lists", .bool, default: .bool(true),
                   "Drop runs of two or more headline-like lines between paragraphs (related links)."),
        OptionSpec("repeated_in_document", .bool, default: .bool(true),
                   "Drop a short line that repeats an earlier line of the same document."),
        OptionSpec("content_min_words", .integer(3...200), default: .number("10"),
                   "Words a line with a sentence end needs to count as article content."),
    ]

    public init(section: ConfigSection) {
        mode = section.string("mode")
        uiPhrases = section.bool("ui_phrases")
        foreignScript = section.bool("foreign_script")
        slugs = section.bool("slugs")
        headTail = section.bool("head_tail")
        linkLists = section.bool("link_lists")
        repeatedInDocument = section.bool("repeated_in_document")
        contentMinWords = section.int("content_min_words")
    }

    public static var defaults: BoilerplateOptions {
        BoilerplateOptions(section: try! ConfigSection(file: "<defaults>", path: "boilerplate", value: nil, specs: specs))
    }
}
