import CorpusCleanCore
#if canImport(Glibc)
import Glibc
#endif
/// One document as the boilerplate passes see it: its lines and their features, and what the
/// passes decided about each line so far. Arrays indexed by line hold one entry a line (blank
/// lines included); `nonBlank` lists the lines that are not blank, and the `blocks` are ranges
/// of positions in it.
struct Page {
    /// The document's UTF-8 bytes (valid while the classifier runs).
    let bytes: UnsafeBufferPointer<UInt8>
    /// The lines, measured (`LineScanner`), and their stopword tokens.
    let scan: LineScanner
    /// The language stage's answer (an ISO code), if one ran.
    let language: String?
    /// `scan.lines`.
    let lines: [LineFeatures]
    /// Indices of the lines that are not blank, in order.
    let nonBlank: [Int]
    /// Letters of the whole document, and those of scripts written without spaces.
    let letters: Int
    let unspacedLetters: Int
    /// Lines with a breadcrumb or title separator, and lines with a mark of code: a pass that
    /// needs one (`SiteSuffixPass`; `CodeBlockPass`, two) skips a page without.
    let separatorLines: Int
    let codeMarkLines: Int
    /// Whether the lines' dominant scripts are more than one: only then can a line be in
    /// another script than the document's (`ForeignScriptPass`).
    let mixedScripts: Bool
    /// Whether the text holds an "@": without one no line is an e-mail address (`SlugPass`) nor
    /// an embedded post's attribution (`EmbeddedPostPass`).
    let hasAt: Bool

    /// A reason for every line to remove; nil keeps the line (so far).
    var reasons: [BoilerplateReason?]
    /// Lines in another script than the document's: their neighbours decide (`ForeignScriptPass`).
    /// Empty when there is none (most pages: no array for them); see `isForeign(_:)`.
    var foreign: [Bool] = []
    /// Lines that close an article, and how surely (`EndMarkerPass`): the main text ends before
    /// them. Empty when no line does (most pages: no array for them); see `closes(_:)`.
    var closes: [EndMarkerKind?] = []
    /// The stopword list (a `Stopwords` bit) the lines are judged by, nil for none (`StopwordPass`).
    var stopwordList: Int?
    /// The stopword density above which a line reads as running text.
    var stopwordThreshold: Double
    /// Each line's class, as the passes so far left it (`.bad` for a line a rule removed).
    var quality: [LineQuality]
    /// Each line's own class, before its neighbours changed it (`LineClassPass`).
    var initialQuality: [LineQuality]
    /// Tables, code blocks, introduced lists and embedded posts: ranges of positions in `nonBlank`.
    var blocks: [Range<Int>] = []
    /// Lines of the blocks that stay (`KeptBlockPass`); empty when there is no block.
    var keptBlockLines: [Bool] = []
    /// The first and the last paragraph (a good line); nil when there is none.
    var paragraphs: (first: Int, last: Int)?
    /// The title: the line above the first paragraph that stays (`TitlePass`).
    var title: Int?
    /// Paragraphs kept only because the choice of the main text was uncertain (`MainTextPass`).
    var uncertainMainText = 0
    /// Whether no stretch weighed enough to be sure of the main text (`MainTextPass.weakScore`):
    /// then only short lines between paragraphs go for their place on the page alone.
    var weakMainText = false

    /// The per-line arrays are `scratch`'s, refilled (`PageScratch.keep(_:)` gives them back).
    init(_ scan: LineScanner, _ bytes: UnsafeBufferPointer<UInt8>, language: String?, stopwordDensity: Double,
         scratch: PageScratch = PageScratch()) {
        self.bytes = bytes
        self.scan = scan
        self.language = language
        lines = scan.lines
        var letters = 0
        var unspaced = 0
        var nonBlankCount = 0
        var separatorLines = 0
        var codeMarkLines = 0
        var firstScript: Int32 = -1
        var mixedScripts = false
        for line in lines {
            letters += line.letters
            unspaced += line.unspacedLetters
            if !line.isBlank { nonBlankCount += 1 }
            if line.separators > 0 { separatorLines += 1 }
            if line.codeMark { codeMarkLines += 1 }
            if let script = line.script {
                if firstScript < 0 { firstScript = script } else if script != firstScript { mixedScripts = true }
            }
        }
        self.letters = letters
        unspacedLetters = unspaced
        self.separatorLines = separatorLines
        self.codeMarkLines = codeMarkLines
        self.mixedScripts = mixedScripts
        // One search of the text, where `SlugPass` searched every line that starts outside ASCII.
        hasAt = bytes.count > 0 && memchr(bytes.baseAddress!, 0x40, bytes.count) != nil
        // Counted first: filled in place, where `filter` grows its array step by step.
        var nonBlank = PageScratch.take(&scratch.nonBlank, count: nonBlankCount, repeating: 0)
        nonBlank.withUnsafeMutableBufferPointer { [lines] nonBlank in
            var count = 0
            for (i, line) in lines.enumerated() where !line.isBlank {
                nonBlank[count] = i
                count += 1
            }
        }
        self.nonBlank = nonBlank
        reasons = PageScratch.take(&scratch.reasons, count: lines.count, repeating: nil)
        stopwordThreshold = stopwordDensity
        quality = PageScratch.take(&scratch.quality, count: lines.count, repeating: .bad)
        // Filled by `LineClassPass`.
        initialQuality = PageScratch.take(&scratch.initialQuality, count: 0, repeating: .bad)
    }

    /// The bytes of a line, outer white space left out.
    func text(_ line: LineFeatures) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[line.start..<line.end])
    }

    /// Stopword hits of line `i` in the stopword list, nil without a list.
    func stopwordHits(_ i: Int) -> Int? {
        stopwordList.map { scan.hits(i, $0) }
    }

    /// Whether no rule decided line `i` yet: no reason, and not left to its neighbours as foreign.
    func isUndecided(_ i: Int) -> Bool {
        reasons[i] == nil && !isForeign(i)
    }

    /// Whether line `i` is in another script than the document's (`ForeignScriptPass`).
    func isForeign(_ i: Int) -> Bool {
        !foreign.isEmpty && foreign[i]
    }

    /// Marks line `i` as in another script than the document's.
    mutating func markForeign(_ i: Int) {
        if foreign.isEmpty { foreign = Array(repeatElement(false, count: lines.count)) }
        foreign[i] = true
    }

    /// Whether line `i` is left for its place to decide: no reason, no paragraph, not the
    /// title, not in a kept block.
    func isLeftover(_ i: Int) -> Bool {
        reasons[i] == nil && quality[i] != .good && i != title && !isKeptBlock(i)
    }

    /// How surely line `i` closes the article; nil when it does not.
    func closes(_ i: Int) -> EndMarkerKind? {
        closes.isEmpty ? nil : closes[i]
    }

    /// Marks line `i` as closing the article.
    mutating func close(_ i: Int, _ kind: EndMarkerKind) {
        if closes.isEmpty { closes = Array(repeatElement(nil, count: lines.count)) }
        closes[i] = kind
    }

    /// Whether line `i` is in a block that stays.
    func isKeptBlock(_ i: Int) -> Bool {
        !keptBlockLines.isEmpty && keptBlockLines[i]
    }

    /// Gives `reason` to every undecided line that `rule` matches: the rules on one line alone,
    /// the first rule to match a line giving its reason.
    @inline(__always)
    mutating func decide(_ reason: BoilerplateReason,
                         where rule: (_ index: Int, _ line: LineFeatures, _ text: UnsafeBufferPointer<UInt8>) -> Bool) {
        // Through buffer pointers: eight passes run this over every line, and the arrays' bounds
        // and uniqueness checks cost about what a rule does.
        let bytes = bytes
        lines.withUnsafeBufferPointer { lines in
            nonBlank.withUnsafeBufferPointer { nonBlank in
                foreign.withUnsafeBufferPointer { foreign in
                    let anyForeign = !foreign.isEmpty
                    reasons.withUnsafeMutableBufferPointer { reasons in
                        for i in nonBlank where reasons[i] == nil && !(anyForeign && foreign[i]) {
                            let line = lines[i]
                            let text = UnsafeBufferPointer(start: bytes.baseAddress! + line.start, count: line.end - line.start)
                            if rule(i, line, text) { reasons[i] = reason }
                        }
                    }
                }
            }
        }
    }
}
