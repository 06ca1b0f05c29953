import CorpusCleanCore
/// Teasers: a headline's excerpt cut short with "..." or "…". Option `link_lists` (with
/// `TeaserOpeningPass` and `LinkListPass`).
struct TeaserPass: BoilerplatePass {
    /// Fewest words of a teaser.
    static let minimumWords = 8

    func apply(to page: inout Page) {
        page.decide(.teaser) { _, line, t in line.words >= Self.minimumWords && Self.isTruncated(t) }
    }

    /// A teaser cut short: ends in "..." or "…" right after a letter, as excerpts do.
    static func isTruncated(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = t.count
        if n > 4, t[n - 1] == 0x2E, t[n - 2] == 0x2E, t[n - 3] == 0x2E { return t[n - 4] != 0x20 && t[n - 4] != 0x2E }
        if n > 4, t[n - 3] == 0xE2, t[n - 2] == 0x80, t[n - 1] == 0xA6 { return t[n - 4] != 0x20 }
        return false
    }
}
