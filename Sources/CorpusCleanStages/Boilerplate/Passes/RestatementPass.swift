import CorpusCleanCore
/// A line that restates several earlier paragraphs (a description repeating the article,
/// `Restatements`). Option `repeated_in_document`.
struct RestatementPass: BoilerplatePass {
    func apply(to page: inout Page) {
        guard page.paragraphs != nil else { return }
        for i in Restatements.find(page.lines, page.bytes, page.reasons) { page.reasons[i] = .repeatedInDocument }
    }
}
