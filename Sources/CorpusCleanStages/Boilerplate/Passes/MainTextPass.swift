import CorpusCleanCore
/// The main text is the stretch of lines with the best score, a good line scoring its
/// words and any other line `-main_text_penalty` (a maximum subarray): paragraphs
/// separated from it by more chrome than they weigh (comments, teasers) are not article,
/// and the stretch ends before the first line that closes an article (`EndMarkerPass`).
/// A second stretch scoring nearly as much stays too (`uncertainShare`). Option `main_text`
/// (without it, `BetweenParagraphsPass` judges the lines between paragraphs instead).
struct MainTextPass: BoilerplatePass {
    /// A second stretch of text scoring at least this share of the main text's score makes the
    /// choice uncertain: both stay.
    static let uncertainShare = 0.7
    /// An end marker ends the main text once the stretch before it scored this many times
    /// `content_min_words`, with a paragraph.
    static let closedScore = 5

    let contentMinWords: Int
    let penalty: Int

    func apply(to page: inout Page) {
        var inBlock = [Bool](repeating: false, count: page.blocks.isEmpty ? 0 : page.lines.count)
        for block in page.blocks { for k in block { inBlock[page.nonBlank[k]] = true } }
        page.uncertainMainText = keepMainText(&page, inBlock: inBlock)
    }

    /// Removes the lines outside the main text; returns the paragraphs kept only because the
    /// choice was uncertain.
    private func keepMainText(_ page: inout Page, inBlock: [Bool]) -> Int {
        let lines = page.lines, nonBlank = page.nonBlank, initial = page.initialQuality, closes = page.closes
        var best = 0, bestFrom = 0, bestTo = -1
        var sum = 0, from = 0
        var paragraph = false, bestParagraph = false
        var stop = nonBlank.count
        func weight(_ i: Int, _ quality: [LineQuality]) -> Int {
            quality[i] != .good ? (!inBlock.isEmpty && inBlock[i] ? 0 : -penalty)
                : initial[i] == .short ? 0 : lines[i].words
        }
        for (k, i) in nonBlank.enumerated() {
            if closes[i] {
                // Comments and author boxes follow the article: once a stretch of text with a
                // paragraph came before (not only headlines made good by their neighbours),
                // nothing after the marker can be the main text.
                if best >= Self.closedScore * contentMinWords && bestParagraph { stop = k; break }
                sum = 0
                continue
            }
            if sum <= 0 { sum = 0; from = k; paragraph = false }
            // Short lines that their neighbours made good, and the other lines of tables, weigh
            // nothing: the stretch ends on a paragraph.
            sum += weight(i, page.quality)
            if initial[i] == .good && lines[i].words >= 2 * contentMinWords { paragraph = true }
            if sum > best { best = sum; bestFrom = from; bestTo = k; bestParagraph = paragraph }
        }
        guard bestTo >= 0 else { return 0 }
        // A table weighs nothing either way: one next to the stretch belongs to it.
        func extend(_ from: inout Int, _ to: inout Int) {
            guard !inBlock.isEmpty else { return }
            while from > 0 && inBlock[nonBlank[from - 1]] { from -= 1 }
            while to + 1 < nonBlank.count && inBlock[nonBlank[to + 1]] { to += 1 }
        }
        extend(&bestFrom, &bestTo)
        // The best stretch before or after it (not across it, nor past the end marker): when it
        // scores nearly as much, which of the two is the article is uncertain and both stay
        // (a short article beside an "about us" box, an article under its longer comments).
        var second = 0, secondFrom = 0, secondTo = -1
        sum = 0
        for k in 0..<stop where k < bestFrom || k > bestTo {
            let i = nonBlank[k]
            if closes[i] || k == bestTo + 1 { sum = 0; if closes[i] { continue } }
            if sum <= 0 { sum = 0; from = k }
            sum += weight(i, page.quality)
            if sum > second { second = sum; secondFrom = from; secondTo = k }
        }
        if secondTo >= 0 && Double(second) >= Self.uncertainShare * Double(best) && second >= 2 * contentMinWords {
            extend(&secondFrom, &secondTo)
        } else {
            secondTo = -1
        }
        // The chrome between the two stretches goes.
        var kept = 0
        let gap = secondTo < 0 ? 0..<0 : secondTo < bestFrom ? (secondTo + 1)..<bestFrom : (bestTo + 1)..<secondFrom
        for (k, i) in nonBlank.enumerated() where k < bestFrom || k > bestTo {
            if k >= secondFrom && k <= secondTo {
                if page.quality[i] == .good && page.reasons[i] == nil { kept += 1 }
                continue
            }
            if page.quality[i] == .good && page.reasons[i] == nil || gap.contains(k) && page.reasons[i] == nil {
                page.quality[i] = .bad
                page.reasons[i] = .outsideMainText
            }
        }
        return kept
    }
}
