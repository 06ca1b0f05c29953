import CorpusCleanCore
/// The lines of the blocks (tables, code, introduced lists) to keep: those inside the article
/// (between its first and last paragraph) or introduced with a colon by a paragraph (right
/// before them or their own first line) or a line right after one, with the link under each
/// item and the heading of a paragraph right after the block. A slug or a repeated line in one
/// stays. Sets `keptBlockLines`.
struct KeptBlockPass: BoilerplatePass {
    func apply(to page: inout Page) {
        guard !page.blocks.isEmpty, let (first, last) = page.paragraphs else { return }
        let lines = page.lines, nonBlank = page.nonBlank, bytes = page.bytes
        var kept = Array(repeatElement(false, count: lines.count))
        for block in page.blocks {
            let inside = nonBlank[block.lowerBound] < last && nonBlank[block.upperBound - 1] > first
            // A paragraph ending in a colon right before, or the block's own first line ending
            // in a colon, a paragraph or right after one (`IntroducedLists` include that line).
            let before = block.lowerBound > 0 && page.quality[nonBlank[block.lowerBound - 1]] == .good
            let opening = nonBlank[block.lowerBound]
            let introduced = before && lines[nonBlank[block.lowerBound - 1]].endsWithColon(bytes)
                || ((before || page.quality[opening] == .good) && lines[opening].endsWithColon(bytes))
            guard inside || introduced else { continue }
            for i in nonBlank[block] {
                kept[i] = true
                // A slug is a link or a name in a list; "fi" or a column header may repeat.
                if page.reasons[i] == .slug || page.reasons[i] == .repeatedInDocument { page.reasons[i] = nil }
            }
            let after = block.upperBound
            if after + 1 < nonBlank.count, Tables.isHeader(lines[nonBlank[after]]), page.quality[nonBlank[after + 1]] == .good {
                kept[nonBlank[after]] = true
            }
        }
        page.keptBlockLines = kept
    }
}
