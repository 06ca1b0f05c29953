import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// The ablation options of `boilerplate` against the passes `BoilerplateClassifier` runs: an
/// option off leaves exactly its passes out of the list, the others in today's order.
@Suite struct BoilerplatePassesTests {
    static func names(_ options: BoilerplateOptions) -> [String] {
        let counts = options.corpusRepetition ? CorpusLineCounts(threshold: options.corpusRepetitionDocuments, sentenceWords: 2 * options.contentMinWords) : nil
        return BoilerplateClassifier(options: options, corpusCounts: counts).passes.map { String(describing: type(of: $0)) }
    }

    static let defaultPasses = [
        "UIPhrasePass", "CreditPass", "TeaserPass", "SlugPass", "DatelinePass", "CaptionPass", "BylinePass", "SiteSuffixPass",
        "ForeignScriptPass", "CorpusRepetitionPass", "RepeatedLinePass", "EndMarkerPass", "StopwordPass", "LineClassPass",
        "EmbeddedPostPass", "SmoothingPass", "SectionHeadingPass", "TeaserOpeningPass", "TablePass", "CodeBlockPass", "MainTextPass",
        "ParagraphBoundsPass", "TitlePass", "KeptBlockPass", "LinkListPass", "ForeignLinePass", "HeadTailPass",
        "RepeatedHeadingPass", "RestatementPass",
    ]

    static var ablations: [(option: String, keyPath: WritableKeyPath<BoilerplateOptions, Bool>, removed: Set<String>)] {[
        ("ui_phrases", \.uiPhrases, ["UIPhrasePass"]),
        ("foreign_script", \.foreignScript, ["ForeignScriptPass", "ForeignLinePass"]),
        ("slugs", \.slugs, ["SlugPass"]),
        ("head_tail", \.headTail, ["HeadTailPass"]),
        ("keep_title", \.keepTitle, ["TitlePass"]),
        ("link_lists", \.linkLists, ["TeaserPass", "TeaserOpeningPass", "LinkListPass"]),
        ("repeated_in_document", \.repeatedInDocument, ["RepeatedLinePass", "RepeatedHeadingPass", "RestatementPass"]),
        ("datelines", \.datelines, ["DatelinePass"]),
        ("captions", \.captions, ["CaptionPass"]),
        ("end_markers", \.endMarkers, ["EndMarkerPass"]),
        ("tables", \.tables, ["EmbeddedPostPass", "TablePass"]),
        ("code_blocks", \.codeBlocks, ["CodeBlockPass"]),
        ("stopwords", \.stopwords, ["StopwordPass"]),
        ("smoothing", \.smoothing, ["SmoothingPass"]),
        ("corpus_repetition", \.corpusRepetition, ["CorpusRepetitionPass"]),
        ("main_text", \.mainText, ["MainTextPass", "EndMarkerPass"]),
    ]}

    @Test func theDefaultsRunEveryPassButTheAblationsOwn() {
        #expect(Self.names(.defaults) == Self.defaultPasses)
    }

    @Test(arguments: ablations.indices)
    func anOptionOffLeavesOutItsPasses(_ n: Int) {
        let ablation = Self.ablations[n]
        var options = BoilerplateOptions.defaults
        options[keyPath: ablation.keyPath] = false
        var expected = Self.defaultPasses.filter { !ablation.removed.contains($0) }
        // Without the main text, the lines between paragraphs are judged by their classes.
        if ablation.option == "main_text" { expected.insert("BetweenParagraphsPass", at: expected.firstIndex(of: "RepeatedHeadingPass")!) }
        #expect(Self.names(options) == expected, "\(ablation.option)")
    }

    @Test func conservativeModeProtectsLongLinesLast() {
        var options = BoilerplateOptions.defaults
        options.mode = .conservative
        #expect(Self.names(options) == Self.defaultPasses + ["ConservativePass"])
    }
}
