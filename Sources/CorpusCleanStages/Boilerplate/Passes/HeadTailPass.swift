import CorpusCleanCore
/// Removes the lines before the first and after the last paragraph that are neither
/// paragraphs nor the title nor kept blocks: `short_in_head` (but a standfirst stays) and
/// `short_in_tail`. Option `head_tail`.
struct HeadTailPass: BoilerplatePass {
    let contentMinWords: Int

    func apply(to page: inout Page) {
        guard let (first, last) = page.paragraphs else { return }
        // Without a main text to be sure of, the paragraphs found may be a blurb beside the post.
        if page.weakMainText { return }
        for i in page.nonBlank where !page.isForeign(i) && page.isLeftover(i) {
            if i < first {
                if !isStandfirst(i, page) { page.reasons[i] = .shortInHead }
            } else if i > last {
                page.reasons[i] = .shortInTail
            }
        }
    }

    /// A standfirst: a line of `content_min_words` or more with the stopwords of running text,
    /// written in sentence case, right above or below the title.
    private func isStandfirst(_ i: Int, _ page: Page) -> Bool {
        let lines = page.lines, nonBlank = page.nonBlank
        guard let title = page.title, lines[i].words >= contentMinWords,
              page.initialQuality[i] == .good || page.initialQuality[i] == .nearGood,
              let k = nonBlank.firstIndex(of: title) else { return false }
        guard (k > 0 && nonBlank[k - 1] == i) || (k + 1 < nonBlank.count && nonBlank[k + 1] == i) else { return false }
        // Written as a sentence, not as another headline in title case.
        let text = String(decoding: page.text(lines[i]), as: UTF8.self)
        let words = text.split(separator: " ")
        return words.filter({ $0.first?.isUppercase == true }).count * 2 < words.count
    }
}
