/// Options of the `boilerplate` stage.
public struct BoilerplateOptions: Sendable {
    /// `normal`, or `conservative`: never drop a line of 20 or more words.
    public var mode: String
    public var uiPhrases: Bool
    public var foreignScript: Bool
    public var slugs: Bool
    public var headTail: Bool
    public var keepTitle: Bool
    public var linkLists: Bool
    public var repeatedInDocument: Bool
    public var datelines: Bool
    public var captions: Bool
    public var endMarkers: Bool
    public var tables: Bool
    public var codeBlocks: Bool
    /// A line with at least this many words and a sentence end counts as article content.
    public var contentMinWords: Int
    public var stopwords: Bool
    public var stopwordDensity: Double
    public var stopwordAdaptive: Double
    public var shortWords: Int
    public var smoothing: Bool
    public var corpusRepetition: Bool
    public var corpusRepetitionDocuments: Int
    public var mainText: Bool
    public var mainTextPenalty: Int

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
        OptionSpec("keep_title", .bool, default: .bool(true),
                   "Keep the title (the nearest line of 3 to 40 words before the first paragraph); false keeps the article body only, as an articleBody gold does."),
        OptionSpec("link_lists", .bool, default: .bool(true),
                   "Drop runs of two or more headline-like lines between paragraphs (related links; not a run right after a line that introduces it with a colon), and two or more lines without a sentence end under a list's header (Most popular, Related) even where they read as text."),
        OptionSpec("repeated_in_document", .bool, default: .bool(true),
                   "Drop a short line that repeats an earlier line of the same document (not a section heading between two kept paragraphs that the table of contents listed before), and a line that restates several earlier paragraphs (a description repeating the article)."),
        OptionSpec("datelines", .bool, default: .bool(true),
                   "Drop short lines made of dates and times (month and weekday names in 11 languages, numbers)."),
        OptionSpec("captions", .bool, default: .bool(true),
                   "Drop photo captions: lines ending in a credit such as (AP Photo/Jane Doe) or a glued agency name (.Reuters), or dated as agency captions are (Wednesday, Nov. 20, 2019)."),
        OptionSpec("end_markers", .bool, default: .bool(true),
                   "Lines that close an article (comment thread or form headers in several languages, \"45 comments\", \"About Jane Doe\" author boxes, an author's bio, the first of three commenters' names each above a dateline or of three commenters' headers ending alike, \"Jane says:\" or a time) end the main text after a paragraph (with main_text)."),
        OptionSpec("tables", .bool, default: .bool(true),
                   "Keep tables and lists of the article: rows with numbers, lists of quantities (1 tsp cinnamon), items numbered 1, 2, 3 ... (with the link under each), the lines up to the next paragraph under a line of 4 or more words ending in a colon; inside the article, or introduced by a paragraph ending in a colon; elsewhere they do not count against the main text."),
        OptionSpec("code_blocks", .bool, default: .bool(true),
                   "Keep code, commands and terminal output of the article: two or more lines with marks of code such as $HOME, ${var}, braces, \"=\", snake_case, --options, /etc/paths, items(), a \"$ \", \"# \" or \">>>\" prompt, with their header, treated as tables are."),
        OptionSpec("content_min_words", .integer(3...200), default: .number("10"),
                   "Words a line with a sentence end needs to count as article content."),
        OptionSpec("stopwords", .bool, default: .bool(true),
                   "Judge lines by their density of the document language's stopwords (lists for 23 languages; the language comes from an earlier language stage, else from the stopword counts)."),
        OptionSpec("stopword_density", .number(0...1), default: .number("0.3"),
                   "Share of stopwords above which a line reads as running text."),
        OptionSpec("stopword_adaptive", .number(0...1), default: .number("0.5"),
                   "Reference density of running text in languages other than English (whose lists cover less of it): when the document's upper-quartile sentence is less dense, stopword_density scales down in proportion (0 turns it off)."),
        OptionSpec("short_words", .integer(1...100), default: .number("7"),
                   "Lines with fewer words are short: their neighbours decide whether they stay."),
        OptionSpec("smoothing", .bool, default: .bool(true),
                   "Let neighbouring lines decide short and borderline lines (jusText's context smoothing)."),
        OptionSpec("corpus_repetition", .bool, default: .bool(true),
                   "Count every normalized line over the whole input in a pre-pass (one extra read; stdin is first copied to a temporary file in $TMPDIR, deleted after the run) and drop lines found in more documents than corpus_repetition_documents (full sentences of 2 x content_min_words words or more stay: repeated article text is for dedup)."),
        OptionSpec("corpus_repetition_documents", .integer(1...1_000_000_000), default: .number("3"),
                   "A line found in more documents than this is chrome (with corpus_repetition)."),
        OptionSpec("main_text", .bool, default: .bool(true),
                   "Keep only the main text: the stretch where paragraph words outweigh main_text_penalty per chrome line between them (drops comment threads and teasers); a second stretch weighing 70% of it or more stays too (counted as uncertain_main_text in the manifest's fixes). Inside it a line goes only on a rule's evidence (UI phrase, link list, repetition...); without it, lines between paragraphs that are not running text go too (short_near_chrome, low_stopword_density, no_sentence)."),
        OptionSpec("main_text_penalty", .integer(0...1000), default: .number("12"),
                   "Weight of one chrome line against the words of paragraphs, for main_text."),
    ]

    public init(section: ConfigSection) {
        mode = section.string("mode")
        uiPhrases = section.bool("ui_phrases")
        foreignScript = section.bool("foreign_script")
        slugs = section.bool("slugs")
        headTail = section.bool("head_tail")
        keepTitle = section.bool("keep_title")
        linkLists = section.bool("link_lists")
        repeatedInDocument = section.bool("repeated_in_document")
        datelines = section.bool("datelines")
        captions = section.bool("captions")
        endMarkers = section.bool("end_markers")
        tables = section.bool("tables")
        codeBlocks = section.bool("code_blocks")
        contentMinWords = section.int("content_min_words")
        stopwords = section.bool("stopwords")
        stopwordDensity = section.double("stopword_density")
        stopwordAdaptive = section.double("stopword_adaptive")
        shortWords = section.int("short_words")
        smoothing = section.bool("smoothing")
        corpusRepetition = section.bool("corpus_repetition")
        corpusRepetitionDocuments = section.int("corpus_repetition_documents")
        mainText = section.bool("main_text")
        mainTextPenalty = section.int("main_text_penalty")
    }

    public static var defaults: BoilerplateOptions {
        BoilerplateOptions(section: try! ConfigSection(file: "<defaults>", path: "boilerplate", value: nil, specs: specs))
    }
}
