import CorpusCleanCore
/// Code, commands and terminal output (`CodeBlocks`): added to the page's `blocks`, treated as
/// tables are. Option `code_blocks`.
struct CodeBlockPass: BoilerplatePass {
    func apply(to page: inout Page) {
        // A block needs `CodeBlocks.minimumLines` lines with a mark of code: most pages have none.
        guard page.codeMarkLines >= CodeBlocks.minimumLines else { return }
        // Appended only when found, as in `TablePass`.
        let blocks = CodeBlocks.find(page.lines, page.nonBlank, page.reasons, page.quality)
        if !blocks.isEmpty { page.blocks += blocks }
    }
}
