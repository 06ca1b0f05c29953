import CorpusCleanCore
/// Known interface strings (`UIPhrases`: "Subscribe", "Leave a Reply", "READ MORE: ...") and
/// lines made of interface keywords: a cookie notice, a promotion ("Sign up for our newsletter
/// to get ... in your inbox."). Option `ui_phrases`.
struct UIPhrasePass: BoilerplatePass {
    /// Longest line matched by a phrase or a phrase prefix.
    static let maximumWords = 25
    /// Longest line that one interface keyword makes interface.
    static let keywordLineWords = 12
    /// Longest line that two interface keywords make a promotion.
    static let promotionWords = 40

    func apply(to page: inout Page) {
        let bytes = page.bytes
        page.decide(.uiPhrase) { _, line, t in
            (line.words <= Self.maximumWords
                && (UIPhrases.exactKeys.value(line.key) != 0 || UIPhrases.hasPrefix(bytes, line.start, line.end)))
                || (line.mentionsCookies && UIPhrases.cookieCompanions.occurs(in: t))
                || (line.words <= Self.keywordLineWords && line.interfaceWords >= 1)
                || (line.words <= Self.promotionWords && line.interfaceWords >= 2)
        }
    }
}
