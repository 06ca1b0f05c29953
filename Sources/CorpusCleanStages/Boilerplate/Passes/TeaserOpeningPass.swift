import CorpusCleanCore
/// A line cut short with "..." right above a paragraph opens the article (a post's excerpt,
/// its text going on below), not a teaser among teasers: it stays, good. Option `link_lists`
/// (it undoes `TeaserPass`).
struct TeaserOpeningPass: BoilerplatePass {
    /// The paragraph below has this many words or more (2 x `content_min_words`).
    let paragraphWords: Int

    func apply(to page: inout Page) {
        let nonBlank = page.nonBlank
        for (k, i) in nonBlank.enumerated() where page.reasons[i] == .teaser && k + 1 < nonBlank.count {
            let next = nonBlank[k + 1]
            if page.reasons[next] == nil && page.quality[next] == .good && page.lines[next].words >= paragraphWords {
                page.reasons[i] = nil
                page.quality[i] = .good
            }
        }
    }
}
