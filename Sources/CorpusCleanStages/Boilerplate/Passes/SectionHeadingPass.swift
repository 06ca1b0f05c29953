import CorpusCleanCore
/// A lone section heading: a short line between two paragraphs is good.
struct SectionHeadingPass: BoilerplatePass {
    /// Longest heading.
    static let maximumWords = 15

    func apply(to page: inout Page) {
        let nonBlank = page.nonBlank
        for (k, i) in nonBlank.enumerated() where k > 0 && k + 1 < nonBlank.count && page.quality[i] != .good && page.reasons[i] == nil {
            if page.lines[i].words <= Self.maximumWords && page.quality[nonBlank[k - 1]] == .good && page.quality[nonBlank[k + 1]] == .good {
                page.quality[i] = .good
            }
        }
    }
}
