import CorpusCleanCore
/// A line cut short with "..." right above a paragraph opens the article (a post's excerpt,
/// its text going on below), not a teaser among teasers: it stays, good. So does one of a
/// paragraph's length right under a paragraph and not above another teaser (the excerpt goes on
/// from the post's text above it, "... read more"), and so do two or three
/// such lines of a paragraph's length in a row (a post whose paragraphs end so; teasers of other
/// posts stand each under its headline, or many in a row with the headline glued on). Option `link_lists` (it undoes `TeaserPass`).
struct TeaserOpeningPass: BoilerplatePass {
    /// The paragraph below, or both lines of a pair of teasers, have this many words or more
    /// (2 x `content_min_words`).
    let paragraphWords: Int

    /// The most lines of such a run: a longer one is a list of headlines glued to their excerpts.
    static let longestRun = 3

    func apply(to page: inout Page) {
        let nonBlank = page.nonBlank
        var run = 0
        for (k, i) in nonBlank.enumerated() {
            if page.reasons[i] == .teaser && page.lines[i].words >= paragraphWords {
                run += 1
                if k + 1 < nonBlank.count { continue }
            }
            if run >= 2 && run <= Self.longestRun {
                let end = page.reasons[i] == .teaser && page.lines[i].words >= paragraphWords ? k + 1 : k
                for j in nonBlank[(end - run)..<end] {
                    page.reasons[j] = nil
                    page.quality[j] = .good
                }
            }
            run = 0
        }
        for (k, i) in nonBlank.enumerated() where page.reasons[i] == .teaser {
            let next = k + 1 < nonBlank.count ? nonBlank[k + 1] : nil
            let previous = k > 0 ? nonBlank[k - 1] : nil
            if let next, page.reasons[next] == nil && page.quality[next] == .good && page.lines[next].words >= paragraphWords {
                page.reasons[i] = nil
                page.quality[i] = .good
            } else if let previous, page.lines[i].words >= paragraphWords, page.reasons[previous] == nil,
                      page.initialQuality[previous] == .good, next.map({ page.reasons[$0] != .teaser }) ?? true {
                // A paragraph's length cut short right under a paragraph of its own, not under a
                // headline: the post's excerpt goes on from the text above it ("... read more").
                page.reasons[i] = nil
                page.quality[i] = .good
            }
        }
    }
}
