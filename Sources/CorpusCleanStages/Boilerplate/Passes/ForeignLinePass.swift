import CorpusCleanCore
/// Removes the lines `ForeignScriptPass` left to their neighbours that did not become
/// paragraphs (or, on a page without a paragraph, every one of them: what stays is what the
/// line rules kept, in the document's script). Option `foreign_script` (with `ForeignScriptPass`).
struct ForeignLinePass: BoilerplatePass {
    func apply(to page: inout Page) {
        guard !page.foreign.isEmpty else { return }
        let leftoverOnly = page.paragraphs != nil
        for i in page.nonBlank where page.isForeign(i) && (!leftoverOnly || page.isLeftover(i)) {
            page.reasons[i] = .foreignScript
        }
    }
}
