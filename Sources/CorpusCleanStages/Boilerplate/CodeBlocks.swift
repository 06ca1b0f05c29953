import CorpusCleanCore
/// Code, commands and terminal output: stretches of lines that are not sentences, so the jusText
/// classes call them chrome, yet belong to a technical article that shows them between its
/// paragraphs.
///
/// A line is code when it has a mark that prose and page chrome seldom use (`is_code_mark` in
/// line_scan.c, found by `LineScanner`). A block is `minimumLines` or more such lines, with at most
/// `Tables.maximumGap` short lines that are no paragraph between two of them ("else",
/// "if a > b:", a column header), as many after the last ("fi", "}"), and up to
/// `Tables.maximumGap` + 1 short non-sentence lines right before the first as its header.
enum CodeBlocks {
    static let minimumLines = 2
    /// Longer lines are prose that mentions a command, judged by the sentence rules.
    static let maximumWords = 40

    /// The code blocks of a document as ranges of `nonBlank` (the indices of its non-blank lines).
    /// Paragraphs (`good` lines) and lines a rule removed are no code, but for slugs
    /// ("if_not_success_run_this_command"), which a block of `minimumLines` other code lines
    /// takes in.
    static func find(_ lines: [LineFeatures], _ nonBlank: [Int], _ reasons: [BoilerplateReason?],
                     _ quality: [LineQuality]) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        var run = RowRun(lines, nonBlank, minimumRows: minimumLines)
        func isGap(_ k: Int) -> Bool {
            quality[nonBlank[k]] != .good && lines[nonBlank[k]].words <= Tables.headerWords
        }
        for (k, i) in nonBlank.enumerated() {
            let block = lines[i].codeMark && quality[i] != .good && (reasons[i] == nil || reasons[i] == .slug)
                && lines[i].words <= maximumWords
                ? run.add(k, maximumGap: Tables.maximumGap)
                : run.skip(gap: isGap(k))
            if let block { blocks.append(block) }
        }
        if let block = run.close() { blocks.append(block) }
        // Two URLs or image slugs in a row are no code: a block needs its own code lines. It
        // takes in the short lines that close it ("fi", "}").
        return blocks.compactMap { block in
            guard nonBlank[block].count(where: { reasons[$0] == nil && lines[$0].codeMark }) >= minimumLines else { return nil }
            var end = block.upperBound
            while end < nonBlank.count && end - block.upperBound < Tables.maximumGap && isGap(end) { end += 1 }
            return block.lowerBound..<end
        }
    }
}
