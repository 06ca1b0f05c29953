import CorpusCleanCore
/// The main text is the stretch of lines with the best score, a good line scoring its
/// words and any other line `-main_text_penalty` (a maximum subarray): paragraphs
/// separated from it by more chrome than they weigh (comments, teasers) are not article,
/// and the stretch ends before the first line that closes an article (`EndMarkerPass`).
/// A second stretch scoring nearly as much stays too (`uncertainShare`), and a main text too
/// weak to be sure of (`weakScore`) cuts nothing; the lede under the article's byline or dateline
/// stays though chrome parts it from the stretch (`ledeWindow`). Option `main_text`
/// (without it, `BetweenParagraphsPass` judges the lines between paragraphs instead).
struct MainTextPass: BoilerplatePass {
    /// A second stretch of text scoring at least this share of the main text's score makes the
    /// choice uncertain: both stay.
    static let uncertainShare = 0.7
    /// A strong end marker ends the main text once the stretch before it scored this many times
    /// `content_min_words`, with a paragraph.
    static let closedScore = 5
    /// A weak end marker (an "About Me" box in the sidebar beside a short post) ends it once the
    /// stretch before scored this many times `content_min_words`, with a paragraph: the text past
    /// it still wins when it weighs `weakMarkerShare` times as much.
    static let weakClosedScore = 2
    /// The text past a weak end marker is the main text when it scores this many times the
    /// text before the marker.
    static let weakMarkerShare = 2.0
    /// A main text scoring under this many times `content_min_words` is too weak to cut the
    /// page by: only short lines between the paragraphs go for being outside it, and nothing for
    /// being before or after the paragraphs (`Page.weakMainText`).
    static let weakScore = closedScore
    /// The article's head (its byline or dateline) this many lines or fewer above the main text
    /// marks the paragraphs between them as the article's lede (`keepLede`).
    static let ledeWindow = 15
    /// A main text of this many paragraphs or fewer may be a bio or a comment policy chosen over
    /// a short post above it: a line of running text there stays (`keepShortPostLines`).
    static let shortPostParagraphs = 1...2

    let contentMinWords: Int
    let penalty: Int

    func apply(to page: inout Page) {
        var inBlock = Array(repeatElement(false, count: page.blocks.isEmpty ? 0 : page.lines.count))
        for block in page.blocks { for k in block { inBlock[page.nonBlank[k]] = true } }
        page.uncertainMainText = keepMainText(&page, inBlock: inBlock)
    }

    /// The stretch with the best score, searched up to the first end marker after a stretch
    /// with a paragraph (`closedScore`); with `passingWeak`, weak markers only cut stretches.
    private func bestStretch(_ page: Page, inBlock: [Bool], passingWeak: Bool) -> Stretch {
        let lines = page.lines, initial = page.initialQuality
        var best = Stretch(stop: page.nonBlank.count)
        var sum = 0, from = 0, paragraph = false
        for (k, i) in page.nonBlank.enumerated() {
            if let kind = page.closes(i) {
                // Comments and author boxes follow the article: once a stretch of text with a
                // paragraph came before (not only headlines made good by their neighbours),
                // nothing after the marker can be the main text.
                let closed = kind == .weak ? Self.weakClosedScore : Self.closedScore
                if best.score >= closed * contentMinWords && best.paragraph && !(passingWeak && kind == .weak) {
                    best.stop = k
                    best.stoppedWeakly = kind == .weak
                    break
                }
                sum = 0
                continue
            }
            if sum <= 0 { sum = 0; from = k; paragraph = false }
            // Short lines that their neighbours made good, and the other lines of tables, weigh
            // nothing: the stretch ends on a paragraph.
            sum += weight(i, page, inBlock: inBlock)
            if isParagraph(initial[i], lines[i]) { paragraph = true }
            if sum > best.score { best.score = sum; best.from = from; best.to = k; best.paragraph = paragraph }
        }
        return best
    }

    /// Whether a line of this quality before the smoothing and these features is a paragraph:
    /// good, of 2 x `content_min_words` words or more.
    private func isParagraph(_ quality: LineQuality, _ line: LineFeatures) -> Bool {
        quality == .good && line.words >= 2 * contentMinWords
    }

    /// What line `i` adds to a stretch: the words of a paragraph, nothing for a short line its
    /// neighbours made good or a line of a table, `-penalty` for any other line.
    private func weight(_ i: Int, _ page: Page, inBlock: [Bool]) -> Int {
        page.quality[i] != .good ? (!inBlock.isEmpty && inBlock[i] ? 0 : -penalty)
            : page.initialQuality[i] == .short ? 0 : page.lines[i].words
    }

    /// Removes the lines outside the main text; returns the paragraphs kept only because the
    /// choice was uncertain (with a weak main text, the lines outside it that are not short and that no rule
    /// removed so far; the lines kept as a short post's or as the lede).
    private func keepMainText(_ page: inout Page, inBlock: [Bool]) -> Int {
        let nonBlank = page.nonBlank
        var main = bestStretch(page, inBlock: inBlock, passingWeak: false)
        if main.stoppedWeakly {
            // A tab or a link named "Comments" above the article, an "About ..." link in a
            // blogroll: the text past it outweighs by far what came before.
            // Comments under a bare "Comments" are dated one by one: not past a thread.
            let past = bestStretch(page, inBlock: inBlock, passingWeak: true)
            if past.from > main.stop && Double(past.score) >= Self.weakMarkerShare * Double(main.score)
                && nonBlank[main.stop...past.to].count(where: { page.reasons[$0] == .dateline }) < EndMarkers.threadEntries {
                main = past
            }
        }
        let best = main.score, stop = main.stop
        var bestFrom = main.from, bestTo = main.to
        guard bestTo >= 0 else { return 0 }
        if best < Self.weakScore * contentMinWords {
            // Nothing outweighs the rest (a post of a few short lines beside a blurb or a
            // comment): which text is the article is uncertain, so only the rules' evidence
            // removes lines, not their place on the page.
            // Short lines between paragraphs outside it (a menu between a blurb and the post) still go,
            // and so does the text past a marker that ended it (a bio under "About Me").
            page.weakMainText = true
            let first = nonBlank.firstIndex(where: { page.quality[$0] == .good }) ?? bestFrom
            let last = nonBlank.lastIndex(where: { page.quality[$0] == .good }) ?? bestTo
            var kept = 0
            for (k, i) in nonBlank.enumerated() where (k < bestFrom || k > bestTo) && page.reasons[i] == nil {
                if k > stop && page.quality[i] == .good {
                    page.quality[i] = .bad
                    page.reasons[i] = .outsideMainText
                } else if page.initialQuality[i] != .short {
                    kept += 1
                } else if k > first && k < last && page.quality[i] != .good {
                    page.quality[i] = .bad
                    page.reasons[i] = .outsideMainText
                }
            }
            return kept
        }
        bestTo = endBeforeNextHeadline(page, from: bestFrom, to: bestTo)
        // A table weighs nothing either way: one next to the stretch belongs to it.
        func extend(_ from: inout Int, _ to: inout Int) {
            guard !inBlock.isEmpty else { return }
            while from > 0 && inBlock[nonBlank[from - 1]] { from -= 1 }
            while to + 1 < nonBlank.count && inBlock[nonBlank[to + 1]] { to += 1 }
        }
        extend(&bestFrom, &bestTo)
        // The best stretch before or after it (not across it, nor past the end marker): when it
        // scores nearly as much, which of the two is the article is uncertain and both stay
        // (a short article beside an "about us" box, an article under its longer comments).
        var second = 0, secondFrom = 0, secondTo = -1
        var sum = 0, from = 0
        for k in 0..<stop where k < bestFrom || k > bestTo {
            let i = nonBlank[k]
            if page.closes(i) != nil || k == bestTo + 1 { sum = 0; if page.closes(i) != nil { continue } }
            if sum <= 0 { sum = 0; from = k }
            sum += weight(i, page, inBlock: inBlock)
            if sum > second { second = sum; secondFrom = from; secondTo = k }
        }
        if secondTo >= 0 && Double(second) >= Self.uncertainShare * Double(best) && second >= 2 * contentMinWords {
            extend(&secondFrom, &secondTo)
        } else {
            secondTo = -1
        }
        // The chrome between the two stretches goes.
        var kept = 0
        let gap = secondTo < 0 ? 0..<0 : secondTo < bestFrom ? (secondTo + 1)..<bestFrom : (bestTo + 1)..<secondFrom
        for (k, i) in nonBlank.enumerated() where k < bestFrom || k > bestTo {
            if k >= secondFrom && k <= secondTo {
                if page.quality[i] == .good && page.reasons[i] == nil { kept += 1 }
                continue
            }
            if page.quality[i] == .good && page.reasons[i] == nil || gap.contains(k) && page.reasons[i] == nil {
                page.quality[i] = .bad
                page.reasons[i] = .outsideMainText
            }
        }
        return kept + keepShortPostLines(&page, from: bestFrom, to: bestTo) + keepLede(&page, from: bestFrom)
    }

    /// Whether line `i` is an article's head: a byline or a dateline. A UI phrase with a date is
    /// none: "Posted by Jane Doe on October 29, 2012" and "This entry was posted on ..." stand under
    /// a post as often as above it.
    private func isHead(_ page: Page, _ i: Int) -> Bool {
        page.reasons[i] == .byline || page.reasons[i] == .dateline
    }

    /// The last position of the stretch `from...to` without the headline of the next item: a line
    /// that is no paragraph and ends no sentence, under the stretch's last paragraph and right above
    /// an article's head (`isHead`; a feed of other stories under the article, each a headline above its
    /// byline and its date, whose first headline the smoothing made good).
    private func endBeforeNextHeadline(_ page: Page, from: Int, to: Int) -> Int {
        let nonBlank = page.nonBlank
        guard to > from, to + 1 < nonBlank.count else { return to }
        let last = nonBlank[to], above = nonBlank[to - 1]
        guard isHead(page, nonBlank[to + 1]), !page.lines[last].endsSentence,
              !isParagraph(page.initialQuality[last], page.lines[last]),
              isParagraph(page.initialQuality[above], page.lines[above]) else { return to }
        return to - 1
    }

    /// The paragraphs between the article's head (`isHead`: the nearest byline or dateline,
    /// `ledeWindow` lines or fewer above the main text, with no strong end marker between) and
    /// the main text stay: the lede, parted from the rest of the article by an image and its credit, a share
    /// box or a related link, which outweighed it. The chrome between them still goes. Returns
    /// how many paragraphs it kept.
    private func keepLede(_ page: inout Page, from: Int) -> Int {
        let nonBlank = page.nonBlank
        var head = -1
        var k = from - 1
        while k >= 0 && k >= from - Self.ledeWindow {
            let i = nonBlank[k]
            if page.closes(i) == .strong { return 0 }
            if isHead(page, i) { head = k; break }
            k -= 1
        }
        guard head >= 0 else { return 0 }
        var kept = 0, lastKept = -1
        for k in (head + 1)..<from {
            let i = nonBlank[k]
            guard page.reasons[i] == .outsideMainText, isParagraph(page.initialQuality[i], page.lines[i]) else { continue }
            page.reasons[i] = nil
            page.quality[i] = .good
            kept += 1
            lastKept = k
        }
        guard lastKept >= 0 else { return 0 }
        for k in (lastKept + 1)..<from where page.reasons[nonBlank[k]] == nil && page.quality[nonBlank[k]] != .good {
            page.quality[nonBlank[k]] = .bad
            page.reasons[nonBlank[k]] = .outsideMainText
        }
        return kept
    }

    /// With a main text of `shortPostParagraphs` paragraphs, a line before it that no rule removed,
    /// of 2 x `content_min_words` words or more with a sentence end, is kept as a paragraph though
    /// its stopwords did not make it one: a short post written with names and figures above the
    /// author's bio or a comment policy that outweighed it. Returns how many lines it kept.
    private func keepShortPostLines(_ page: inout Page, from: Int, to: Int) -> Int {
        let nonBlank = page.nonBlank
        var paragraphs = 0
        for i in nonBlank[from...to] where isParagraph(page.initialQuality[i], page.lines[i]) {
            paragraphs += 1
        }
        guard Self.shortPostParagraphs.contains(paragraphs) else { return 0 }
        var kept = 0
        for i in nonBlank[..<from] where page.reasons[i] == nil && page.quality[i] != .good && !page.isForeign(i) {
            let line = page.lines[i]
            guard line.endsSentence && line.words >= 2 * contentMinWords else { continue }
            page.quality[i] = .good
            kept += 1
        }
        return kept
    }
}
