import CorpusCleanCore
/// jusText's classes of the lines no rule removed, with C4's sentence end required of good
/// lines; a foreign line is short (its neighbours decide). A sentence broken over several
/// lines, each but the last ending in a comma or running on into a line that starts in lower
/// case, is judged as one line. Sets `quality` and `initialQuality`.
struct LineClassPass: BoilerplatePass {
    /// Most lines after the first joined into one sentence.
    static let maximumJoined = 8
    /// A line with a sentence end and some stopwords is near good at this share of the
    /// threshold; one without a sentence end at the second (C4: borderline, its neighbours decide).
    static let borderlineShare = (sentence: 0.5, other: 0.8)

    let shortWords: Int
    let contentMinWords: Int

    func apply(to page: inout Page) {
        // Taken out of the page and written through a buffer pointer: each write to
        // `page.quality` checked its storage's uniqueness.
        var classes: [LineQuality] = []
        swap(&classes, &page.quality)
        classes.withUnsafeMutableBufferPointer { classes in
            for i in page.nonBlank where page.reasons[i] == nil {
                classes[i] = page.isForeign(i) ? .short
                    : quality(page.lines[i], hits: page.stopwordHits(i), threshold: page.stopwordThreshold)
            }
        }
        swap(&classes, &page.quality)
        joinContinuations(&page)
        // A copy in its own storage (the page's, refilled), not a second reference to
        // `quality`'s, which the next write to `quality` would copy.
        page.initialQuality.removeAll(keepingCapacity: true)
        page.initialQuality.append(contentsOf: page.quality)
    }

    /// A sentence broken over several lines, each but the last ending in a comma (as the
    /// blocks of some pages are) or running on into the next (`runsOn`: a post's text broken
    /// where its column ended), is judged as one line: every part gets the class of the whole.
    /// Lines that run on are joined only when the last ends a sentence (not the items of a list
    /// of ingredients that start in lower case).
    private func joinContinuations(_ page: inout Page) {
        let lines = page.lines
        let nonBlank = page.nonBlank
        var k = 0
        while k < nonBlank.count {
            var end = k
            var runOn = false
            while end + 1 < nonBlank.count && end - k < Self.maximumJoined, page.isUndecided(nonBlank[end]) {
                if !lines[nonBlank[end]].endsClause {
                    guard Self.runsOn(page, nonBlank[end], nonBlank[end + 1]) else { break }
                    runOn = true
                }
                end += 1
            }
            guard end > k, page.isUndecided(nonBlank[end]), !runOn || lines[nonBlank[end]].endsSentence else {
                k = end + 1
                continue
            }
            var joined = lines[nonBlank[k]]
            var hits = page.stopwordHits(nonBlank[k])
            for i in nonBlank[(k + 1)...end] {
                let line = lines[i]
                joined.words += line.words
                joined.letters += line.letters
                joined.unspacedLetters += line.unspacedLetters
                joined.numbers += line.numbers
                if let list = page.stopwordList { hits! += page.scan.hits(i, list) }
            }
            joined.endsSentence = lines[nonBlank[end]].endsSentence
            let q = quality(joined, hits: hits, threshold: page.stopwordThreshold)
            for i in nonBlank[k...end] { page.quality[i] = q }
            k = end + 1
        }
    }

    /// Whether line `i` runs on into line `next`: it has three words or more and ends in an ASCII
    /// letter, and `next` starts with a lower-case ASCII letter.
    static func runsOn(_ page: Page, _ i: Int, _ next: Int) -> Bool {
        guard page.lines[i].words >= 3, let last = page.text(page.lines[i]).last,
              let first = page.text(page.lines[next]).first else { return false }
        return last | 0x20 &- 0x61 < 26 && first &- 0x61 < 26
    }

    /// The class of one line: `hits` are its stopwords (nil without a stopword list).
    private func quality(_ line: LineFeatures, hits: Int?, threshold: Double) -> LineQuality {
        if line.words < shortWords { return .short }
        // Scripts without spaces mark sentence ends reliably; elsewhere a long line counts as one.
        let sentence = line.endsSentence || (line.words >= 2 * contentMinWords && line.unspacedLetters * 2 < line.letters)
        if let hits {
            let density = line.stopwordDensity(hits: hits)
            if density >= threshold {
                return sentence && line.words >= contentMinWords ? .good : .nearGood
            }
            // C4: a sentence with some stopwords is borderline; its neighbours decide.
            return density >= threshold * (sentence ? Self.borderlineShare.sentence : Self.borderlineShare.other) ? .nearGood : .bad
        }
        if sentence { return line.words >= contentMinWords ? .good : .nearGood }
        return .bad
    }
}
