import CorpusCleanCore
/// The `boilerplate` stage: classifies every line as article or page chrome and removes the
/// chrome, recording a reason code for each removed line.
///
/// Signals: rules on the line alone (UI phrases, slugs, credits, bylines, another script),
/// repetition inside the document and across the corpus, then jusText's classes (stopword
/// density of the document's language, length, C4's sentence end) smoothed by the
/// neighbouring lines, the main text (the stretch where paragraphs outweigh the other lines),
/// and the position before the first or after the last paragraph. Tables, numbered lists, code
/// blocks and introduced lists of the article (`Tables`, `CodeBlocks`, `IntroducedLists`) stay.
public struct BoilerplateStage: DocumentStage {
    public let name = StageName.boilerplate
    public let options: BoilerplateOptions
    /// Corpus-wide line counts, filled by the runner's pre-pass when `corpus_repetition` is on.
    public let corpusCounts: CorpusLineCounts?

    public init(options: BoilerplateOptions) {
        self.options = options
        corpusCounts = options.corpusRepetition ? CorpusLineCounts(threshold: options.corpusRepetitionDocuments) : nil
    }

    public var prepass: (any CorpusPrepass)? { corpusCounts }

    public func process(_ state: inout DocumentState) -> StageReport {
        var report = StageReport(stage: name)
        let language = state.language?.code
        var text = state.text
        let output: String = text.withUTF8 { bytes in
            let scan = LineScanner(bytes)
            var uncertain = 0
            let reasons = classify(scan, bytes, language: language, uncertain: &uncertain)
            report.count("uncertain_main_text", uncertain)
            // Kept lines joined by one newline, or two where blank lines stood between them. A
            // run of kept lines whose separators are already those is copied as one slice of
            // the (valid) input: no copy per line, and no validation of the output.
            let source = state.text.utf8
            var output = ""
            output.reserveCapacity(bytes.count)
            var span = 0..<0
            var pendingBlank = false
            func flush() {
                guard !span.isEmpty else { return }
                let from = source.index(source.startIndex, offsetBy: span.lowerBound)
                output.append(contentsOf: state.text[from..<source.index(from, offsetBy: span.count)])
            }
            for (index, line) in scan.lines.enumerated() {
                if let reason = reasons[index] {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[line.start..<line.end]), as: UTF8.self)
                    report.removedLines.append(RemovedLine(line: index + 1, text: text, reason: reason.rawValue))
                    continue
                }
                if line.isBlank {
                    pendingBlank = !span.isEmpty
                    continue
                }
                // The line as it was, leading white space included.
                var from = line.start
                while from > 0 && bytes[from - 1] != 0x0A { from -= 1 }
                var to = line.end
                while to < bytes.count && bytes[to] != 0x0A { to += 1 }
                if span.isEmpty {
                    span = from..<to
                } else if from == span.upperBound + (pendingBlank ? 2 : 1) && (!pendingBlank || bytes[span.upperBound + 1] == 0x0A) {
                    span = span.lowerBound..<to
                } else {
                    flush()
                    output.append(pendingBlank ? "\n\n" : "\n")
                    span = from..<to
                }
                pendingBlank = false
            }
            flush()
            return output
        }
        report.changedText = output.utf8.count != state.text.utf8.count || output != state.text
        if output.isEmpty && !state.text.allSatisfy(\.isWhitespace) {
            report.dropReason = "no_content"
            report.dropDetail = "every line was classified as boilerplate"
        }
        state.text = output
        return report
    }

    /// A second stretch of text scoring at least this share of the main text's score makes the
    /// choice uncertain: both stay (`keepMainText`).
    static let uncertainShare = 0.7

    /// jusText's classes of a line.
    enum Quality { case good, nearGood, short, bad }

    /// A reason for every line to remove; nil keeps the line.
    func classify(_ scan: LineScanner, _ bytes: UnsafeBufferPointer<UInt8>, language: String?, uncertain: inout Int) -> [BoilerplateReason?] {
        let lines = scan.lines
        var reasons = [BoilerplateReason?](repeating: nil, count: lines.count)
        // Letters per dominant script of the lines: a handful of scripts, searched linearly.
        var scriptLetters: [(script: Int32, letters: Int)] = []
        var totalLetters = 0
        var unspaced = 0
        for line in lines {
            totalLetters += line.letters
            unspaced += line.unspacedLetters
            if let s = line.script { LineScanner.tally(&scriptLetters, s, line.letters) }
        }
        let documentScript = scriptLetters.max { a, b in a.letters != b.letters ? a.letters < b.letters : a.script > b.script }?.script
        let bit = options.stopwords && unspaced * 3 < totalLetters ? languageBit(scan, language) : nil

        // Rules that look at one line alone, and repetition.
        let repeated = options.repeatedInDocument ? BoilerplateStage.laterRepeats(lines) : []
        // Full sentences repeated across documents are shared content (a syndicated story, a
        // quote): removing them is dedup's work, not boilerplate's. Looked up before the rules
        // below, in a loop of independent lookups whose cache misses the processor overlaps.
        let sharedAcrossCorpus = corpusCounts.map { counts in
            lines.map { line in
                line.key != 0 && !(line.endsSentence && line.words >= 2 * options.contentMinWords)
                    && counts.isShared(line.key)
            }
        }
        var foreign = [Bool](repeating: false, count: lines.count)
        var closes = [Bool](repeating: false, count: lines.count)
        for (i, line) in lines.enumerated() where !line.isBlank {
            if options.endMarkers && options.mainText && EndMarkers.closes(line, bytes) {
                closes[i] = true
            }
            if let reason = lineRule(line, bytes, index: i) {
                reasons[i] = reason
            } else if options.foreignScript, let documentScript, let script = line.script, script != documentScript,
                      line.letters * 5 < totalLetters,
                      // Brand names in Latin inside a Japanese or Russian sentence do not make it foreign.
                      line.secondScript != documentScript {
                // Another script: its neighbours decide (a quotation inside the article stays,
                // interface strings in the head or tail go).
                foreign[i] = true
            } else if let sharedAcrossCorpus, sharedAcrossCorpus[i] {
                reasons[i] = .repeatedAcrossCorpus
            } else if options.repeatedInDocument, repeated[i], line.words < 20, !line.endsSentence {
                reasons[i] = .repeatedInDocument
            } else if closes[i] {
                reasons[i] = .endMarker
            }
        }
        let nonBlank = lines.indices.filter { !lines[$0].isBlank }
        if options.endMarkers && options.mainText, let start = EndMarkers.threadStart(lines, bytes, nonBlank, reasons) {
            closes[start] = true
            if reasons[start] == nil { reasons[start] = .endMarker }
        }

        // jusText's classes, with C4's sentence end required of good lines. The stopword
        // threshold scales down when the document's upper-quartile sentence is less dense than
        // `stopword_adaptive` (the lists of other languages cover less of their running text
        // than English's does).
        var threshold = options.stopwordDensity
        if let bit, bit != Stopwords.english {
            var densities: [Double] = []
            for (i, line) in lines.enumerated() where reasons[i] == nil && line.endsSentence && line.words >= options.contentMinWords {
                densities.append(line.stopwordDensity(hits: scan.hits(i, bit)))
            }
            if densities.count >= 3 && options.stopwordAdaptive > 0 {
                densities.sort()
                threshold *= min(1, densities[densities.count * 3 / 4] / options.stopwordAdaptive)
            }
        }
        var quality = [Quality](repeating: .bad, count: lines.count)
        for (i, line) in lines.enumerated() where !line.isBlank && reasons[i] == nil {
            quality[i] = foreign[i] ? .short : initialQuality(line, hits: bit.map { scan.hits(i, $0) }, threshold: threshold)
        }
        joinContinuations(&quality, scan, nonBlank, reasons: reasons, foreign: foreign, bit: bit, threshold: threshold)
        let initial = quality
        if options.smoothing { smooth(&quality, nonBlank) }
        // A lone section heading: a line of at most 15 words between two paragraphs.
        for (k, i) in nonBlank.enumerated() where k > 0 && k + 1 < nonBlank.count && quality[i] != .good && reasons[i] == nil {
            if lines[i].words <= 15 && quality[nonBlank[k - 1]] == .good && quality[nonBlank[k + 1]] == .good {
                quality[i] = .good
            }
        }

        // A line cut short with "..." right above a paragraph opens the article (a post's
        // excerpt, its text going on below), not a teaser among teasers.
        for (k, i) in nonBlank.enumerated() where reasons[i] == .teaser && k + 1 < nonBlank.count {
            let next = nonBlank[k + 1]
            if reasons[next] == nil && quality[next] == .good && lines[next].words >= 2 * options.contentMinWords {
                reasons[i] = nil
                quality[i] = .good
            }
        }
        var tables = options.tables ? Tables.find(lines, bytes, nonBlank, reasons) : []
        if options.codeBlocks { tables += CodeBlocks.find(lines, nonBlank, reasons, quality) }
        if options.tables { tables += IntroducedLists.find(lines, bytes, nonBlank, reasons, quality) }
        var inTable = [Bool](repeating: false, count: tables.isEmpty ? 0 : lines.count)
        for block in tables { for k in block { inTable[nonBlank[k]] = true } }
        if options.mainText {
            uncertain = keepMainText(&quality, &reasons, lines, nonBlank, initial: initial, closes: closes, inTable: inTable)
        }
        guard let first = nonBlank.first(where: { quality[$0] == .good }),
              let last = nonBlank.last(where: { quality[$0] == .good }) else {
            // No paragraph: keep what the line rules kept, in the document's script.
            for i in nonBlank where foreign[i] { reasons[i] = .foreignScript }
            return protect(reasons, lines)
        }

        // The title: the nearest line of 3 or more words before the first paragraph.
        let title = !options.keepTitle ? nil : nonBlank.last { $0 < first && reasons[$0] == nil && !foreign[$0] && lines[$0].words >= 3 && lines[$0].words <= 40 }
        let keptTable = keepTables(tables, &reasons, quality, lines, bytes, nonBlank, first: first, last: last)

        if options.linkLists {
            // A run right after a line that introduces it (`IntroducedLists.isIntro`) is a list of the text.
            var run: [Int] = []
            var introduced = false, previous = first
            func flush() {
                if run.count >= 2 && !introduced { for k in run { reasons[k] = .linkList } }
                run = []
            }
            for i in nonBlank where i > first && i < last {
                defer { previous = i }
                if reasons[i] != nil || foreign[i] || (!keptTable.isEmpty && keptTable[i]) { continue }
                if quality[i] != .good && !lines[i].endsSentence && lines[i].words <= 15 {
                    if run.isEmpty {
                        introduced = reasons[previous] == nil && IntroducedLists.isIntro(lines[previous], bytes)
                    }
                    run.append(i)
                } else {
                    flush()
                }
            }
            flush()
            // Headlines under a list's header ("Most popular", "Related"), good lines or not.
            for (k, i) in nonBlank.enumerated() where reasons[i] == .uiPhrase && lines[i].words <= 4 && !lines[i].endsSentence {
                var end = k + 1
                while end < nonBlank.count, case let j = nonBlank[end], reasons[j] == nil, j != title,
                      !lines[j].endsSentence, lines[j].words <= 25, keptTable.isEmpty || !keptTable[j] {
                    end += 1
                }
                if end - k > 2 { for j in nonBlank[(k + 1)..<end] { reasons[j] = .linkList } }
            }
        }

        for i in nonBlank where reasons[i] == nil && quality[i] != .good && i != title && (keptTable.isEmpty || !keptTable[i]) {
            if foreign[i] {
                reasons[i] = .foreignScript
            } else if i < first {
                if options.headTail && !isStandfirst(i, title: title, nonBlank, lines, initial, bytes) { reasons[i] = .shortInHead }
            } else if i > last {
                if options.headTail { reasons[i] = .shortInTail }
            } else if options.mainText {
                // Inside the main text a line goes only on a rule's evidence: the lines the
                // classes call chrome there are short sentences, list items, answers, code.
                continue
            } else if lines[i].words < options.shortWords {
                reasons[i] = .shortNearChrome
            } else {
                reasons[i] = bit != nil ? .lowStopwordDensity : .noSentence
            }
        }
        if options.repeatedInDocument {
            // A section heading between two kept paragraphs stays though the page's table of
            // contents listed it before.
            for (k, i) in nonBlank.enumerated() where reasons[i] == .repeatedInDocument && k > 0 && k + 1 < nonBlank.count {
                if lines[i].words <= 15 && !lines[i].endsSentence && quality[nonBlank[k - 1]] == .good && reasons[nonBlank[k - 1]] == nil
                    && quality[nonBlank[k + 1]] == .good && reasons[nonBlank[k + 1]] == nil {
                    reasons[i] = nil
                }
            }
            for i in Restatements.find(lines, bytes, reasons) { reasons[i] = .repeatedInDocument }
        }
        return protect(reasons, lines)
    }

    /// The main text is the stretch of lines with the best score, a good line scoring its
    /// words and any other line `-main_text_penalty` (a maximum subarray): paragraphs
    /// separated from it by more chrome than they weigh (comments, teasers) are not article,
    /// and the stretch ends before the first line that closes an article (`EndMarkers`).
    /// Returns the paragraphs kept only because the choice was uncertain (`uncertainShare`).
    private func keepMainText(_ quality: inout [Quality], _ reasons: inout [BoilerplateReason?],
                              _ lines: [LineFeatures], _ order: [Int], initial: [Quality], closes: [Bool], inTable: [Bool]) -> Int {
        var best = 0, bestFrom = 0, bestTo = -1
        var sum = 0, from = 0
        var paragraph = false, bestParagraph = false
        var stop = order.count
        func weight(_ i: Int) -> Int {
            quality[i] != .good ? (!inTable.isEmpty && inTable[i] ? 0 : -options.mainTextPenalty)
                : initial[i] == .short ? 0 : lines[i].words
        }
        for (k, i) in order.enumerated() {
            if closes[i] {
                // Comments and author boxes follow the article: once a stretch of text with a
                // paragraph came before (not only headlines made good by their neighbours),
                // nothing after the marker can be the main text.
                if best >= 5 * options.contentMinWords && bestParagraph { stop = k; break }
                sum = 0
                continue
            }
            if sum <= 0 { sum = 0; from = k; paragraph = false }
            // Short lines that their neighbours made good, and the other lines of tables, weigh
            // nothing: the stretch ends on a paragraph.
            sum += weight(i)
            if initial[i] == .good && lines[i].words >= 2 * options.contentMinWords { paragraph = true }
            if sum > best { best = sum; bestFrom = from; bestTo = k; bestParagraph = paragraph }
        }
        guard bestTo >= 0 else { return 0 }
        // A table weighs nothing either way: one next to the stretch belongs to it.
        func extend(_ from: inout Int, _ to: inout Int) {
            guard !inTable.isEmpty else { return }
            while from > 0 && inTable[order[from - 1]] { from -= 1 }
            while to + 1 < order.count && inTable[order[to + 1]] { to += 1 }
        }
        extend(&bestFrom, &bestTo)
        // The best stretch before or after it (not across it, nor past the end marker): when it
        // scores nearly as much, which of the two is the article is uncertain and both stay
        // (a short article beside an "about us" box, an article under its longer comments).
        var second = 0, secondFrom = 0, secondTo = -1
        sum = 0
        for k in 0..<stop where k < bestFrom || k > bestTo {
            let i = order[k]
            if closes[i] || k == bestTo + 1 { sum = 0; if closes[i] { continue } }
            if sum <= 0 { sum = 0; from = k }
            sum += weight(i)
            if sum > second { second = sum; secondFrom = from; secondTo = k }
        }
        if secondTo >= 0 && Double(second) >= BoilerplateStage.uncertainShare * Double(best) && second >= 2 * options.contentMinWords {
            extend(&secondFrom, &secondTo)
        } else {
            secondTo = -1
        }
        // The chrome between the two stretches goes.
        var kept = 0
        let gap = secondTo < 0 ? 0..<0 : secondTo < bestFrom ? (secondTo + 1)..<bestFrom : (bestTo + 1)..<secondFrom
        for (k, i) in order.enumerated() where k < bestFrom || k > bestTo {
            if k >= secondFrom && k <= secondTo {
                if quality[i] == .good && reasons[i] == nil { kept += 1 }
                continue
            }
            if quality[i] == .good && reasons[i] == nil || gap.contains(k) && reasons[i] == nil {
                quality[i] = .bad
                reasons[i] = .outsideMainText
            }
        }
        return kept
    }

    /// A standfirst: a line of `content_min_words` or more with the stopwords of running text,
    /// written in sentence case, right above or below the title.
    private func isStandfirst(_ i: Int, title: Int?, _ order: [Int], _ lines: [LineFeatures], _ initial: [Quality],
                              _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let title, lines[i].words >= options.contentMinWords, initial[i] == .good || initial[i] == .nearGood,
              let k = order.firstIndex(of: title) else { return false }
        guard (k > 0 && order[k - 1] == i) || (k + 1 < order.count && order[k + 1] == i) else { return false }
        // Written as a sentence, not as another headline in title case.
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[lines[i].start..<lines[i].end]), as: UTF8.self)
        let words = text.split(separator: " ")
        return words.filter({ $0.first?.isUppercase == true }).count * 2 < words.count
    }

    /// The lines of the tables to keep: those inside the article (between its `first` and `last`
    /// paragraph) or introduced with a colon by a paragraph (right before them or their own
    /// first line) or a line right after one, with the link under each item and the heading of a
    /// paragraph right after the table. Empty when the document has no table.
    private func keepTables(_ tables: [Range<Int>], _ reasons: inout [BoilerplateReason?], _ quality: [Quality],
                            _ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>, _ order: [Int],
                            first: Int, last: Int) -> [Bool] {
        guard !tables.isEmpty else { return [] }
        var kept = [Bool](repeating: false, count: lines.count)
        for block in tables {
            let inside = order[block.lowerBound] < last && order[block.upperBound - 1] > first
            // A paragraph ending in a colon right before, or the block's own first line ending
            // in a colon, a paragraph or right after one (`IntroducedLists` include that line).
            let before = block.lowerBound > 0 && quality[order[block.lowerBound - 1]] == .good
            let opening = order[block.lowerBound]
            let introduced = before && BoilerplateStage.endsWithColon(lines[order[block.lowerBound - 1]], bytes)
                || ((before || quality[opening] == .good) && BoilerplateStage.endsWithColon(lines[opening], bytes))
            guard inside || introduced else { continue }
            for i in order[block] {
                kept[i] = true
                // A slug is a link or a name in a list; "fi" or a column header may repeat.
                if reasons[i] == .slug || reasons[i] == .repeatedInDocument { reasons[i] = nil }
            }
            let after = block.upperBound
            if after + 1 < order.count, Tables.isHeader(lines[order[after]]), quality[order[after + 1]] == .good {
                kept[order[after]] = true
            }
        }
        return kept
    }

    /// A sentence broken over several lines, each but the last ending in a comma (as the
    /// blocks of some pages are), is judged as one line: every part gets the class of the whole.
    private func joinContinuations(_ quality: inout [Quality], _ scan: LineScanner, _ order: [Int],
                                   reasons: [BoilerplateReason?], foreign: [Bool], bit: Int?, threshold: Double) {
        let lines = scan.lines
        var k = 0
        while k < order.count {
            var end = k
            while end + 1 < order.count && end - k < 8, reasons[order[end]] == nil, !foreign[order[end]],
                  lines[order[end]].endsClause {
                end += 1
            }
            guard end > k, reasons[order[end]] == nil, !foreign[order[end]] else { k = end + 1; continue }
            var joined = lines[order[k]]
            var hits = bit.map { scan.hits(order[k], $0) }
            for i in order[(k + 1)...end] {
                let line = lines[i]
                joined.words += line.words
                joined.letters += line.letters
                joined.unspacedLetters += line.unspacedLetters
                joined.numbers += line.numbers
                if let b = bit { hits! += scan.hits(i, b) }
            }
            joined.endsSentence = lines[order[end]].endsSentence
            let q = initialQuality(joined, hits: hits, threshold: threshold)
            for i in order[k...end] { quality[i] = q }
            k = end + 1
        }
    }

    private func initialQuality(_ line: LineFeatures, hits: Int?, threshold: Double) -> Quality {
        if line.words < options.shortWords { return .short }
        // Scripts without spaces mark sentence ends reliably; elsewhere a long line counts as one.
        let sentence = line.endsSentence || (line.words >= 2 * options.contentMinWords && line.unspacedLetters * 2 < line.letters)
        if let hits {
            let density = line.stopwordDensity(hits: hits)
            if density >= threshold {
                return sentence && line.words >= options.contentMinWords ? .good : .nearGood
            }
            // C4: a sentence with some stopwords is borderline; its neighbours decide.
            return density >= threshold * (sentence ? 0.5 : 0.8) ? .nearGood : .bad
        }
        if sentence { return line.words >= options.contentMinWords ? .good : .nearGood }
        return .bad
    }

    /// jusText's context smoothing: a short line takes the class of its non-short neighbours
    /// (bad if either side is bad), then a near-good line is good unless both neighbours are bad.
    private func smooth(_ quality: inout [Quality], _ order: [Int]) {
        // The nearest good or bad line before and after each line, found in one pass each way.
        var previous = [Quality](repeating: .bad, count: order.count)
        var next = [Quality](repeating: .bad, count: order.count)
        var seen = Quality.bad
        for (k, i) in order.enumerated() {
            previous[k] = seen
            if quality[i] == .good || quality[i] == .bad { seen = quality[i] }
        }
        seen = .bad
        for (k, i) in order.enumerated().reversed() {
            next[k] = seen
            if quality[i] == .good || quality[i] == .bad { seen = quality[i] }
        }
        for (k, i) in order.enumerated() {
            switch quality[i] {
            case .short: quality[i] = previous[k] == .good && next[k] == .good ? .good : .bad
            case .nearGood: quality[i] = previous[k] == .bad && next[k] == .bad ? .bad : .good
            default: break
            }
        }
    }

    /// The stopword list to use: the language stage's answer, else the list with most hits.
    private func languageBit(_ scan: LineScanner, _ language: String?) -> Int? {
        if let language, let bit = Stopwords.bit(of: language) { return bit }
        let totals = scan.totals
        guard let best = totals.indices.max(by: { totals[$0] < totals[$1] }), totals[best] >= 5 else { return nil }
        return best
    }

    /// Conservative mode keeps every line of 20 or more words whatever the rules said.
    private func protect(_ reasons: [BoilerplateReason?], _ lines: [LineFeatures]) -> [BoilerplateReason?] {
        guard options.mode == .conservative else { return reasons }
        return zip(reasons, lines).map { reason, line in line.words >= 20 ? nil : reason }
    }

    private func lineRule(_ line: LineFeatures, _ bytes: UnsafeBufferPointer<UInt8>, index: Int) -> BoilerplateReason? {
        let t = UnsafeBufferPointer(rebasing: bytes[line.start..<line.end])
        if options.uiPhrases, line.words <= 25,
           UIPhrases.exactKeys.value(line.key) != 0 || UIPhrases.hasPrefix(bytes, line.start, line.end) {
            return .uiPhrase
        }
        if options.uiPhrases, (line.mentionsCookies && UIPhrases.cookieCompanions.occurs(in: t)) || (line.words <= 12 && line.interfaceWords >= 1)
            // A promotion: "Sign up for our newsletter to get ... in your inbox."
            || (line.words <= 40 && line.interfaceWords >= 2) {
            return .uiPhrase
        }
        if BoilerplateStage.isCredit(t) { return .credit }
        if options.linkLists, line.words >= 8, BoilerplateStage.isTruncated(t) { return .teaser }
        if options.slugs, BoilerplateStage.isSlug(t) { return .slug }
        if options.datelines, !line.endsSentence, line.words <= 12, line.numbers >= 1,
           line.dateWords >= 1 ? (line.numbers + line.dateWords) * 2 >= line.words : line.letters == 0 && line.numbers >= 3 {
            return .dateline
        }
        if options.captions, line.words <= 60,
           Captions.isCaption(t) || (line.words >= 10 && line.dateWords >= 2 && Captions.hasWeekdayDate(t)) {
            return .caption
        }
        if !line.endsSentence, line.words <= 8, t.count > 3, t[0] | 0x20 == 0x62, t[1] | 0x20 == 0x79, t[2] == 0x20 { return .byline }
        if !line.endsSentence, line.separators >= 2, BoilerplateStage.breadcrumbSeparators(t) >= 2 { return .byline }
        if index > 0, !line.endsSentence, line.separators >= 1,
           BoilerplateStage.hasSiteSuffix(t) {
            return .linkList
        }
        return nil
    }

    /// Ends in ":" or "：".
    static func endsWithColon(_ line: LineFeatures, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = line.end
        return n > line.start && (bytes[n - 1] == 0x3A || (n - line.start >= 3 && bytes[n - 3] == 0xEF && bytes[n - 2] == 0xBC && bytes[n - 1] == 0x9A))
    }

    /// A teaser cut short: ends in "..." or "…" right after a letter, as excerpts do.
    static func isTruncated(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = t.count
        if n > 4, t[n - 1] == 0x2E, t[n - 2] == 0x2E, t[n - 3] == 0x2E { return t[n - 4] != 0x20 && t[n - 4] != 0x2E }
        if n > 4, t[n - 3] == 0xE2, t[n - 2] == 0x80, t[n - 1] == 0xA6 { return t[n - 4] != 0x20 }
        return false
    }

    /// Lines whose key an earlier line has (open addressing on the keys, which are hashes).
    static func laterRepeats(_ lines: [LineFeatures]) -> [Bool] {
        var size = 64
        while size < lines.count * 2 { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        var repeated = [Bool](repeating: false, count: lines.count)
        for (n, line) in lines.enumerated() where line.key != 0 {
            var i = Int(truncatingIfNeeded: line.key >> 9) & (size - 1)
            while slots[i] != 0 && slots[i] != line.key { i = (i + 1) & (size - 1) }
            if slots[i] == line.key { repeated[n] = true } else { slots[i] = line.key }
        }
        return repeated
    }

    /// `© ...` or `(c) ...`.
    static func isCredit(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        if t.starts(with: [0xC2, 0xA9]) { return true }
        return t.count > 4 && t[0] == 0x28 && t[1] | 0x20 == 0x63 && t[2] == 0x29 && t[3] == 0x20
    }

    /// `ypj-milicias-kurdas`, `img_2041-final`: lowercase ASCII words joined by - or _; or a
    /// line that is one address: `jane.doe@example.com`, `https://example.com/a`, `www.example.com`.
    static func isSlug(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        guard t.count >= 5 else { return false }
        if !t.contains(0x20), t.contains(0x2E),
           t.contains(0x40) || t.starts(with: [0x68, 0x74, 0x74, 0x70]) || t.starts(with: [0x77, 0x77, 0x77, 0x2E]) {
            return true
        }
        var separators = 0
        var letters = 0
        for c in t {
            switch c {
            case 0x61...0x7A: letters += 1
            case 0x30...0x39: break
            case 0x2D, 0x5F: separators += 1
            default: return false
            }
        }
        return separators >= 1 && letters >= 3
    }

    /// Breadcrumb separators: " / ", " | ", " › ", " » ".
    static func breadcrumbSeparators(_ t: UnsafeBufferPointer<UInt8>) -> Int {
        let patterns = BoilerplateStage.breadcrumbPatterns
        var count = 0
        var i = 0
        while i < t.count {
            if t[i] == 0x20, let p = patterns.first(where: { i + $0.count <= t.count && t[i..<(i + $0.count)].elementsEqual($0) }) {
                count += 1
                i += p.count - 1
            } else {
                i += 1
            }
        }
        return count
    }

    /// "Headline - Sputnik International": a short capitalized site name after the last
    /// " - ", " | ", " — " or " – ", behind at least three words.
    static func hasSiteSuffix(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        for separator in BoilerplateStage.suffixSeparators {
            var at = t.count - separator.count
            while at > 0 && !t[at..<(at + separator.count)].elementsEqual(separator) { at -= 1 }
            guard at > 0 else { continue }
            // One to three words after it, each capitalized (an ASCII capital first), three or more before.
            var suffixWords = 0
            var capitalized = true
            var previous: UInt8 = 0x20
            for c in t[(at + separator.count)...] {
                if previous == 0x20 && c != 0x20 {
                    suffixWords += 1
                    if c < 0x41 || c > 0x5A { capitalized = false }
                }
                previous = c
            }
            guard capitalized, (1...3).contains(suffixWords), words(t[..<at]) >= 3 else { continue }
            return true
        }
        return false
    }

    /// Runs of bytes other than spaces.
    private static func words(_ t: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var count = 0
        var previous: UInt8 = 0x20
        for c in t {
            if previous == 0x20 && c != 0x20 { count += 1 }
            previous = c
        }
        return count
    }

    static let breadcrumbPatterns: [[UInt8]] = [Array(" / ".utf8), Array(" | ".utf8), Array(" › ".utf8), Array(" » ".utf8)]
    static let suffixSeparators: [[UInt8]] = [Array(" - ".utf8), Array(" | ".utf8), Array(" — ".utf8), Array(" – ".utf8)]
}
