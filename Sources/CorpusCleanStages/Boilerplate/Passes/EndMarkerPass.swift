import CorpusCleanCore
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
        if let start = EndMarkers.namedDatelineThreadStart(page.lines, bytes, page.nonBlank, page.reasons) {
            page.close(start, .strong)
        }
    }
}
