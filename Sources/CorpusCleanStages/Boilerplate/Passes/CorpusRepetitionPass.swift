import CorpusCleanCore
/// Lines found in more documents of the corpus than `corpus_repetition_documents`
/// (`CorpusLineCounts`, filled by the runner's pre-pass). Full sentences repeated across
/// documents are shared content (a syndicated story, a quote): removing them is dedup's work,
/// not boilerplate's. Option `corpus_repetition`.
struct CorpusRepetitionPass: BoilerplatePass {
    let counts: CorpusLineCounts
    /// A line that ends a sentence and has this many words or more (2 x `content_min_words`) stays;
    /// the pre-pass does not count such lines: one value for both.
    var sentenceWords: Int { counts.sentenceWords }

    func apply(to page: inout Page) {
        // Looked up for every line first, in a loop of independent lookups whose cache misses
        // the processor overlaps.
        // (In a temporary buffer: nothing allocated per document.)
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: page.lines.count) { shared in
            for (i, line) in page.lines.enumerated() {
                shared.initializeElement(at: i, to: line.key != 0 && !(line.endsSentence && line.words >= sentenceWords)
                    && counts.isShared(line.key))
            }
            page.decide(.repeatedAcrossCorpus) { i, _, _ in shared[i] }
        }
    }
}
