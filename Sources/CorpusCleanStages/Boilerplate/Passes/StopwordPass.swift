import CorpusCleanCore
/// Chooses the stopword list the lines are judged by (`Page.stopwordList`): the language
/// stage's answer, else the list with most hits; none for a document mostly in scripts written
/// without spaces. The density threshold scales down when the document's upper-quartile
/// sentence is less dense than `stopword_adaptive` (the lists of other languages cover less of
/// their running text than English's does). Option `stopwords`: without it the lines are
/// judged by their length and sentence end alone.
struct StopwordPass: BoilerplatePass {
    /// The document's letters in scripts without spaces must be under one in this many.
    static let unspacedFraction = 3
    /// Fewest stopword hits of the list chosen by its counts.
    static let minimumHits = 5
    /// Fewest sentences that scale the threshold.
    static let minimumSentences = 3

    let contentMinWords: Int
    let adaptive: Double

    func apply(to page: inout Page) {
        guard page.unspacedLetters * Self.unspacedFraction < page.letters,
              let list = Self.list(page.scan, page.language) else { return }
        page.stopwordList = list
        guard list != Stopwords.english else { return }
        var densities: [Double] = []
        for (i, line) in page.lines.enumerated()
        where page.reasons[i] == nil && line.endsSentence && line.words >= contentMinWords {
            densities.append(line.stopwordDensity(hits: page.scan.hits(i, list)))
        }
        if densities.count >= Self.minimumSentences && adaptive > 0 {
            densities.sort()
            page.stopwordThreshold *= min(1, densities[densities.count * 3 / 4] / adaptive)
        }
    }

    /// The stopword list to use: the language stage's answer, else the list with most hits.
    static func list(_ scan: LineScanner, _ language: String?) -> Int? {
        if let language, let bit = Stopwords.bit(of: language) { return bit }
        let totals = scan.totals
        guard let best = totals.indices.max(by: { totals[$0] < totals[$1] }), totals[best] >= minimumHits else { return nil }
        return best
    }
}
