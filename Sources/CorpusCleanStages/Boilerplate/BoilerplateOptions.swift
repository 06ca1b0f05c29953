import CorpusCleanCore
/// Options of the `boilerplate` stage.
public struct BoilerplateOptions: ConfigOptions {
    public var mode: BoilerplateMode = .normal
    public var uiPhrases: Bool = true
    public var foreignScript: Bool = true
    public var slugs: Bool = true
    public var headTail: Bool = true
    public var keepTitle: Bool = true
    public var linkLists: Bool = true
    public var repeatedInDocument: Bool = true
    public var datelines: Bool = true
    public var captions: Bool = true
    public var endMarkers: Bool = true
    public var tables: Bool = true
    public var codeBlocks: Bool = true
    /// A line with at least this many words and a sentence end counts as article content.
    public var contentMinWords: Int = 10
    public var stopwords: Bool = true
    public var stopwordDensity: Double = 0.3
    public var stopwordAdaptive: Double = 0.5
    public var shortWords: Int = 7
    public var smoothing: Bool = true
    public var corpusRepetition: Bool = true
    public var corpusRepetitionDocuments: Int = 3
    public var mainText: Bool = true
    public var mainTextPenalty: Int = 12

    public static let options: [ConfigOption<BoilerplateOptions>] = [
        .choice("mode", \.mode, "conservative never drops a line of 20 or more words."),
        .bool("ui_phrases", \.uiPhrases, "Drop known interface strings (Subscribe, Leave a Reply, READ MORE: ...) in several languages."),
        .bool("foreign_script", \.foreignScript, "Drop lines written in another script than the document (e.g. Russian UI under an English article)."),
        .bool("slugs", \.slugs, "Drop image/URL slugs such as ypj-milicias-kurdas."),
        .bool("head_tail", \.headTail, "Drop short non-sentence lines before the first and after the last paragraph (the title stays)."),
        .bool("keep_title", \.keepTitle, "Keep the title (the nearest line of 3 to 40 words before the first paragraph); false keeps the article body only, as an articleBody gold does."),
        .bool("link_lists", \.linkLists, "Drop runs of two or more headline-like lines between paragraphs (related links; not a run right after a line that introduces it with a colon), and two or more lines without a sentence end under a list's header (Most popular, Related) even where they read as text."),
        .bool("repeated_in_document", \.repeatedInDocument, "Drop a short line that repeats an earlier line of the same document (not a section heading between two kept paragraphs that the table of contents listed before), and a line that restates several earlier paragraphs (a description repeating the article)."),
        .bool("datelines", \.datelines, "Drop short lines made of dates and times (month and weekday names in 11 languages, numbers)."),
        .bool("captions", \.captions, "Drop photo captions: lines ending in a credit such as (AP Photo/Jane Doe) or a glued agency name (.Reuters), or dated as agency captions are (Wednesday, Nov. 20, 2019)."),
        .bool("end_markers", \.endMarkers, "Lines that close an article (comment thread or form headers in several languages, \"45 comments\", \"About Jane Doe\" author boxes, an author's bio, the first of three commenters' names each above a dateline or of three commenters' headers ending alike, \"Jane says:\" or a time) end the main text after a paragraph (with main_text)."),
        .bool("tables", \.tables, "Keep tables and lists of the article: rows with numbers, lists of quantities (1 tsp cinnamon), items numbered 1, 2, 3 ... (with the link under each), the lines up to the next paragraph under a line of 4 or more words ending in a colon; inside the article, or introduced by a paragraph ending in a colon; elsewhere they do not count against the main text."),
        .bool("code_blocks", \.codeBlocks, "Keep code, commands and terminal output of the article: two or more lines with marks of code such as $HOME, ${var}, braces, \"=\", snake_case, --options, /etc/paths, items(), a \"$ \", \"# \" or \">>>\" prompt, with their header, treated as tables are."),
        .integer("content_min_words", \.contentMinWords, 3...200, "Words a line with a sentence end needs to count as article content."),
        .bool("stopwords", \.stopwords, "Judge lines by their density of the document language's stopwords (lists for 23 languages; the language comes from an earlier language stage, else from the stopword counts)."),
        .number("stopword_density", \.stopwordDensity, 0...1, "Share of stopwords above which a line reads as running text."),
        .number("stopword_adaptive", \.stopwordAdaptive, 0...1, "Reference density of running text in languages other than English (whose lists cover less of it): when the document's upper-quartile sentence is less dense, stopword_density scales down in proportion (0 turns it off)."),
        .integer("short_words", \.shortWords, 1...100, "Lines with fewer words are short: their neighbours decide whether they stay."),
        .bool("smoothing", \.smoothing, "Let neighbouring lines decide short and borderline lines (jusText's context smoothing)."),
        .bool("corpus_repetition", \.corpusRepetition, "Count every normalized line over the whole input in a pre-pass (one extra read; stdin is first copied to a temporary file in $TMPDIR, deleted after the run) and drop lines found in more documents than corpus_repetition_documents (full sentences of 2 x content_min_words words or more stay and are not counted: repeated article text is for dedup)."),
        .integer("corpus_repetition_documents", \.corpusRepetitionDocuments, 1...1_000_000_000, "A line found in more documents than this is chrome (with corpus_repetition)."),
        .bool("main_text", \.mainText, "Keep only the main text: the stretch where paragraph words outweigh main_text_penalty per chrome line between them (drops comment threads and teasers); a second stretch weighing 70% of it or more stays too (counted as uncertain_main_text in the manifest's fixes). Inside it a line goes only on a rule's evidence (UI phrase, link list, repetition...); without it, lines between paragraphs that are not running text go too (short_near_chrome, low_stopword_density, no_sentence)."),
        .integer("main_text_penalty", \.mainTextPenalty, 0...1000, "Weight of one chrome line against the words of paragraphs, for main_text."),
    ]

    public init() {}
}
