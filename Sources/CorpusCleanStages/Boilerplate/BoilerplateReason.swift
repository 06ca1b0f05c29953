import CorpusCleanCore
/// Reason codes of removed lines. They appear in the manifest and in `explain`.
public enum BoilerplateReason: String, Sendable, CaseIterable {
    /// A known interface string ("Subscribe", "Leave a Reply", "READ MORE: ...").
    case uiPhrase = "ui_phrase"
    /// Written in another script than the document.
    case foreignScript = "foreign_script"
    /// An image or URL slug ("ypj-milicias-kurdas"), or a line that is one address (URL, e-mail).
    case slug
    /// A copyright or photo credit line.
    case credit
    /// A byline or breadcrumb ("by Jane Doe", "Home / News / World").
    case byline
    /// A short non-sentence line before the first paragraph (not the title).
    case shortInHead = "short_in_head"
    /// A short non-sentence line after the last paragraph.
    case shortInTail = "short_in_tail"
    /// A short line between paragraphs whose neighbours are chrome (with `main_text` off).
    case shortNearChrome = "short_near_chrome"
    /// Part of a run of headline-like lines between paragraphs (related links).
    case linkList = "link_list"
    /// An excerpt cut short with "..." (teasers of other articles).
    case teaser
    /// A date or timestamp line ("November 18, 2019 at 3:17 pm", "Updated: 19 November 2019").
    case dateline
    /// A photo caption: ends in a credit ("... (AP Photo/Jane Doe, File)") or is dated as
    /// agency captions are ("..., Wednesday, Nov. 20, 2019.").
    case caption
    /// A line that closes the article: a comment thread's header, an author box ("About Jane
    /// Doe"), an author's bio ("Jane Doe is a freelance writer ...").
    case endMarker = "end_marker"
    /// A short line that repeats an earlier line of the document, or a line that restates
    /// several earlier paragraphs (a page description repeating the article; `Restatements`).
    case repeatedInDocument = "repeated_in_document"
    /// The same line occurs in more documents of the corpus than `corpus_repetition_documents`.
    case repeatedAcrossCorpus = "repeated_across_corpus"
    /// Too few stopwords of the document's language to be running text (jusText), between
    /// paragraphs (with `main_text` off).
    case lowStopwordDensity = "low_stopword_density"
    /// Running text separated from the main text by more chrome than it weighs (comments, teasers).
    case outsideMainText = "outside_main_text"
    /// A line without a sentence end in a language without a stopword list (with `main_text` off).
    case noSentence = "no_sentence"
}
