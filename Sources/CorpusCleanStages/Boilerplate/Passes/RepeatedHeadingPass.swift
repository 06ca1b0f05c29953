import CorpusCleanCore
/// A section heading between two kept paragraphs stays though the page's table of contents
/// listed it before (`RepeatedLinePass` removed it). Option `repeated_in_document`.
struct RepeatedHeadingPass: BoilerplatePass {
    /// Longest heading.
    static let maximumWords = 15

    func apply(to page: inout Page) {
        guard page.paragraphs != nil else { return }
        let nonBlank = page.nonBlank
        for (k, i) in nonBlank.enumerated() where page.reasons[i] == .repeatedInDocument && k > 0 && k + 1 < nonBlank.count {
            if page.lines[i].words <= Self.maximumWords && !page.lines[i].endsSentence
                && page.quality[nonBlank[k - 1]] == .good && page.reasons[nonBlank[k - 1]] == nil
                && page.quality[nonBlank[k + 1]] == .good && page.reasons[nonBlank[k + 1]] == nil {
                page.reasons[i] = nil
            }
        }
    }
}
