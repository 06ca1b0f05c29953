import CorpusCleanCore
/// Tables, numbered lists and lists of quantities (`Tables`) and lists introduced by a line
/// ending in a colon (`IntroducedLists`): added to the page's `blocks`, which weigh nothing
/// against the main text and stay inside the article (`KeptBlockPass`). Option `tables`.
struct TablePass: BoilerplatePass {
    func apply(to page: inout Page) {
        // Appended only when found: appending even nothing goes through a generic call.
        let tables = Tables.find(page.lines, page.bytes, page.nonBlank, page.reasons)
        if !tables.isEmpty { page.blocks += tables }
        let lists = IntroducedLists.find(page.lines, page.bytes, page.nonBlank, page.reasons, page.quality)
        if !lists.isEmpty { page.blocks += lists }
    }
}
