import CorpusCleanCore
/// Removes the lines between the first and the last paragraph that the classes call chrome:
/// `short_near_chrome`, else `low_stopword_density` (`no_sentence` without a stopword list).
/// In the list only when option `main_text` is off: inside the main text a line goes only on
/// a rule's evidence (the lines the classes call chrome there are short sentences, list items,
/// answers, code).
struct BetweenParagraphsPass: BoilerplatePass {
    let shortWords: Int

    func apply(to page: inout Page) {
        guard let (first, last) = page.paragraphs else { return }
        for i in page.nonBlank where i > first && i < last && !page.isForeign(i) && page.isLeftover(i) {
            if page.lines[i].words < shortWords {
                page.reasons[i] = .shortNearChrome
            } else {
                page.reasons[i] = page.stopwordList != nil ? .lowStopwordDensity : .noSentence
            }
        }
    }
}
