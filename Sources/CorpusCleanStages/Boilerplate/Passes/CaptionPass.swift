import CorpusCleanCore
/// Photo captions (`Captions`): a credit such as "(AP Photo/Jane Doe)", or a date written as
/// agency captions write it. Option `captions`.
struct CaptionPass: BoilerplatePass {
    /// Longest caption.
    static let maximumWords = 60
    /// Fewest words, and date words, of a caption known by its date alone.
    static let datedWords = 10
    static let datedDateWords = 2

    func apply(to page: inout Page) {
        page.decide(.caption) { _, line, t in
            line.words <= Self.maximumWords
                && (Captions.isCaption(t)
                    || (line.words >= Self.datedWords && line.dateWords >= Self.datedDateWords && Captions.hasWeekdayDate(t)))
        }
    }
}
