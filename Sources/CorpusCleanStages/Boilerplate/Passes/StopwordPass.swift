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
        guard adaptive > 0 else { return }
        // The densities in a temporary buffer: no array grown a document.
        let scale = withUnsafeTemporaryAllocation(of: Double.self, capacity: page.lines.count) { buffer -> Double in
            var count = 0
            for (i, line) in page.lines.enumerated()
            where page.reasons[i] == nil && line.endsSentence && line.words >= contentMinWords {
                buffer.initializeElement(at: count, to: line.stopwordDensity(hits: page.scan.hits(i, list)))
                count += 1
            }
            guard count >= Self.minimumSentences else { return 1 }
            var densities = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            densities.sort()
            return min(1, densities[count * 3 / 4] / adaptive)
        }
        page.stopwordThreshold *= scale
    }

    /// The stopword list to use: the language stage's answer, else the list with most hits.
    static func list(_ scan: LineScanner, _ language: String?) -> Int? {
        if let language, let bit = Stopwords.bit(of: language) { return bit }
        // The counts on the stack: no array a document.
        let languages = Stopwords.languages.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: languages) { totals in
            totals.initialize(repeating: 0)
            scan.addTotals(to: totals)
            // The first of the lists with most hits.
            var best = 0
            for k in totals.indices where totals[k] > totals[best] { best = k }
            return languages > 0 && totals[best] >= minimumHits ? best : nil
        }
    }
}
