import CorpusCleanCore
/// Runs of two or more headline-like lines between paragraphs (related links), unless a line
/// introduces the run (`IntroducedLists.isIntro`), and the lines without a sentence end under
/// a list's header ("Most popular", "Related": a UI phrase), good lines or not. Option
/// `link_lists` (with `TeaserPass` and `TeaserOpeningPass`).
struct LinkListPass: BoilerplatePass {
    /// Longest item of a run.
    static let itemWords = 15
    /// Fewest items of a run.
    static let minimumItems = 2
    /// Longest list header, and longest headline under it.
    static let headerWords = 4
    static let headlineWords = 25

    func apply(to page: inout Page) {
        guard let (first, last) = page.paragraphs else { return }
        let lines = page.lines, nonBlank = page.nonBlank
        var run: [Int] = []
        var introduced = false, previous = first
        func flush(_ page: inout Page) {
            if run.count >= Self.minimumItems && !introduced { for k in run { page.reasons[k] = .linkList } }
            // Emptied, not replaced: one allocation for the page's runs.
            run.removeAll(keepingCapacity: true)
        }
        for i in nonBlank where i > first && i < last {
            defer { previous = i }
            if page.reasons[i] != nil || page.isForeign(i) || page.isKeptBlock(i) { continue }
            if page.quality[i] != .good && !lines[i].endsSentence && lines[i].words <= Self.itemWords {
                if run.isEmpty {
                    introduced = page.reasons[previous] == nil && IntroducedLists.isIntro(lines[previous], page.bytes)
                }
                run.append(i)
            } else {
                flush(&page)
            }
        }
        flush(&page)
        for (k, i) in nonBlank.enumerated()
        where page.reasons[i] == .uiPhrase && lines[i].words <= Self.headerWords && !lines[i].endsSentence {
            var end = k + 1
            while end < nonBlank.count, case let j = nonBlank[end], page.reasons[j] == nil, j != page.title,
                  !lines[j].endsSentence, lines[j].words <= Self.headlineWords, !page.isKeptBlock(j) {
                end += 1
            }
            if end - k - 1 >= Self.minimumItems { for j in nonBlank[(k + 1)..<end] { page.reasons[j] = .linkList } }
        }
    }
}
