import CorpusCleanCore
import CTextKit
/// Lines that close an article (`EndMarkers`: a comment thread's or a form's header, an author
/// box, the first entry of a comment thread, a thread whose commenters' names stand in their
/// datelines): marked in `closes`, so that the main text ends before them, and removed when no
/// rule before removed them. Options `end_markers` and `main_text`: in the list only with both.
struct EndMarkerPass: BoilerplatePass {
    func apply(to page: inout Page) {
        let bytes = page.bytes
        for i in page.nonBlank {
            guard let kind = EndMarkers.kind(page.lines[i], bytes) else { continue }
            page.close(i, kind)
            if page.isUndecided(i) { page.reasons[i] = .endMarker }
        }
        if let start = EndMarkers.threadStart(page.lines, bytes, page.nonBlank, page.reasons) {
            page.close(start, .strong)
            if page.reasons[start] == nil { page.reasons[start] = .endMarker }
        }
        if let start = Self.namedDatelineThreadStart(page) { page.close(start, .strong) }
    }

    /// The first of `EndMarkers.threadEntries` commenters' datelines that start with the
    /// commenter's name ("Jane Doe 07 Nov 12": a capitalized word that is no date word, not "Sunday,
    /// May 12, 2019 (2 months ago)" above each post of a blog's front page), each right above a
    /// line of text of three words or more that is no dateline, each within
    /// `EndMarkers.threadEntryGap` lines of the last (the thread rules of `EndMarkers` want the name
    /// on a line of its own, or a time). The names must not all be one word: "Update 12 Nov",
    /// "By Jane Doe, May 12" or "Day 1 – 12 May" above each entry is a series, not commenters.
    static func namedDatelineThreadStart(_ page: Page) -> Int? {
        let lines = page.lines, nonBlank = page.nonBlank
        var first = 0, last = -EndMarkers.threadEntryGap - 1, entries = 0
        var firstName: UInt64 = 0, varied = false
        for k in 0..<max(0, nonBlank.count - 1) where page.reasons[nonBlank[k]] == .dateline {
            let line = lines[nonBlank[k]], next = nonBlank[k + 1]
            guard line.words > line.numbers + line.dateWords, lines[next].words >= 3, page.reasons[next] != .dateline,
                  let name = nameHash(page.text(line)) else { continue }
            if k - last > EndMarkers.threadEntryGap {
                first = k
                entries = 0
                firstName = name
                varied = false
            }
            if name != firstName { varied = true }
            entries += 1
            last = k
            if entries >= EndMarkers.threadEntries && varied { return nonBlank[first] }
        }
        return nil
    }

    /// The hash of the word `text` starts with, if it is a word of ASCII letters, capitalized,
    /// that is no date word.
    static func nameHash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let first = text.first, first &- 0x41 < 26 else { return nil }
        var end = 1
        while end < text.count && text[end] | 0x20 &- 0x61 < 26 { end += 1 }
        let hash = ctk_token_hash(text.baseAddress, end)
        return Stopwords.table.value(hash) & Stopwords.dateWord == 0 ? hash : nil
    }
}
