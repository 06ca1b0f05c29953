import CorpusCleanCore
/// Code, commands and terminal output (`CodeBlocks`): added to the page's `blocks`, treated as
/// tables are. Option `code_blocks`.
struct CodeBlockPass: BoilerplatePass {
    func apply(to page: inout Page) {
        page.blocks += CodeBlocks.find(page.lines, page.nonBlank, page.reasons, page.quality)
    }
}
