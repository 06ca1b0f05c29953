import CorpusCleanCore
/// Short lines made of dates and times: month and weekday names and numbers, or numbers alone.
/// Option `datelines`.
struct DatelinePass: BoilerplatePass {
    /// Longest dateline.
    static let maximumWords = 12
    /// Fewest numbers of a dateline without letters ("12.05.2019 14:30").
    static let numbersWithoutWords = 3

    func apply(to page: inout Page) {
        page.decide(.dateline) { _, line, _ in
            !line.endsSentence && line.words <= Self.maximumWords && line.numbers >= 1
                && (line.dateWords >= 1 ? (line.numbers + line.dateWords) * 2 >= line.words
                    : line.letters == 0 && line.numbers >= Self.numbersWithoutWords)
        }
    }
}
