import CorpusCleanCore
/// Classifies every line of a document as article or chrome by running the passes that the
/// options turn on over a `Page`, in this order: the rules on one line alone, repetition and
/// end markers (the first of them to match a line gives its reason); the stopword list and
/// jusText's classes, smoothed; the blocks (tables, code) and the main text; then each line's
/// place before, between or after the paragraphs; conservative mode last.
struct BoilerplateClassifier: Sendable {
    let passes: [any BoilerplatePass]
    /// The starting stopword threshold (`stopword_density`).
    let stopwordDensity: Double

    /// Each ablation option turns passes on or off: `ui_phrases`, `slugs`, `datelines`,
    /// `captions`, `stopwords`, `smoothing`, `code_blocks`, `corpus_repetition`,
    /// `keep_title`, `head_tail` one pass each; `tables` two (tables and introduced lists,
    /// embedded posts); `link_lists` three (teasers, their openings,
    /// link lists), `repeated_in_document` three (repeated lines, headings, restatements),
    /// `foreign_script` two (marking, removal); `main_text` its pass and, off, the pass that
    /// judges the lines between paragraphs; `end_markers` its pass, with `main_text` only.
    init(options: BoilerplateOptions, corpusCounts: CorpusLineCounts?) {
        let o = options
        let passes: [(any BoilerplatePass)?] = [
            o.uiPhrases ? UIPhrasePass() : nil,
            CreditPass(),
            o.linkLists ? TeaserPass() : nil,
            o.slugs ? SlugPass() : nil,
            o.datelines ? DatelinePass() : nil,
            o.captions ? CaptionPass() : nil,
            BylinePass(),
            SiteSuffixPass(),
            o.foreignScript ? ForeignScriptPass() : nil,
            corpusCounts.map { CorpusRepetitionPass(counts: $0) },
            o.repeatedInDocument ? RepeatedLinePass() : nil,
            o.endMarkers && o.mainText ? EndMarkerPass() : nil,
            o.stopwords ? StopwordPass(contentMinWords: o.contentMinWords, adaptive: o.stopwordAdaptive) : nil,
            LineClassPass(shortWords: o.shortWords, contentMinWords: o.contentMinWords),
            o.tables ? EmbeddedPostPass() : nil,
            o.smoothing ? SmoothingPass() : nil,
            SectionHeadingPass(),
            o.linkLists ? TeaserOpeningPass(paragraphWords: 2 * o.contentMinWords) : nil,
            o.tables ? TablePass() : nil,
            o.codeBlocks ? CodeBlockPass() : nil,
            o.mainText ? MainTextPass(contentMinWords: o.contentMinWords, penalty: o.mainTextPenalty) : nil,
            ParagraphBoundsPass(),
            o.keepTitle ? TitlePass() : nil,
            KeptBlockPass(),
            o.linkLists ? LinkListPass() : nil,
            o.foreignScript ? ForeignLinePass() : nil,
            o.headTail ? HeadTailPass(contentMinWords: o.contentMinWords) : nil,
            o.mainText ? nil : BetweenParagraphsPass(shortWords: o.shortWords),
            o.repeatedInDocument ? RepeatedHeadingPass() : nil,
            o.repeatedInDocument ? RestatementPass() : nil,
            o.mode == .conservative ? ConservativePass() : nil,
        ]
        self.passes = passes.compactMap { $0 }
        stopwordDensity = o.stopwordDensity
    }

    /// The page with every pass applied: its `reasons` say which lines go. Its arrays are
    /// `scratch`'s (a new one's by default).
    func classify(_ scan: LineScanner, _ bytes: UnsafeBufferPointer<UInt8>, language: String?,
                  scratch: PageScratch = PageScratch()) -> Page {
        var page = Page(scan, bytes, language: language, stopwordDensity: stopwordDensity, scratch: scratch)
        // By index: the pass is borrowed from the array, not copied out of it.
        for n in passes.indices { passes[n].apply(to: &page) }
        return page
    }
}
