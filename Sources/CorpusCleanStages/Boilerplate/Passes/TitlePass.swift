import CorpusCleanCore
/// The title: the nearest line of 3 to 40 words before the first paragraph that no rule
/// removed; it stays. Option `keep_title`.
struct TitlePass: BoilerplatePass {
    static let words = 3...40

    func apply(to page: inout Page) {
        guard let (first, _) = page.paragraphs else { return }
        page.title = page.nonBlank.last {
            $0 < first && page.reasons[$0] == nil && !page.isForeign($0) && Self.words.contains(page.lines[$0].words)
        }
    }
}
