import CorpusCleanCore
/// Finds the first and the last paragraph (`Page.paragraphs`): the passes after it judge a line
/// by its place before, between or after them, and do nothing on a page without a paragraph.
struct ParagraphBoundsPass: BoilerplatePass {
    func apply(to page: inout Page) {
        guard let first = page.nonBlank.first(where: { page.quality[$0] == .good }),
              let last = page.nonBlank.last(where: { page.quality[$0] == .good }) else { return }
        page.paragraphs = (first, last)
    }
}
