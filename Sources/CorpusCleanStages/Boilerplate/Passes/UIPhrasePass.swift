import CorpusCleanCore
/// Known interface strings (`UIPhrases`: "Subscribe", "Leave a Reply", "READ MORE: ...") and
/// lines made of interface keywords: a cookie notice, a promotion ("Sign up for our newsletter
/// to get ... in your inbox."), the footers blog platforms print under a post, however long their
/// list of categories and tags. Option `ui_phrases`.
struct UIPhrasePass: BoilerplatePass {
    /// Longest line matched by a phrase or a phrase prefix.
    static let maximumWords = 25
    /// Longest line that one interface keyword makes interface.
    static let keywordLineWords = 12
    /// Longest line that two interface keywords make a promotion.
    static let promotionWords = 40
    /// Longest line that a blog platform's footer opens (`UIPhrases.footerPrefixes`).
    static let footerWords = 80

    func apply(to page: inout Page) {
        let bytes = page.bytes
        // The tables read once a page, not once a line; the tests on the line's counts first.
        let exactKeys = UIPhrases.exactKeys
        let prefixes = UIPhrases.prefixSet
        let unended = UIPhrases.unendedPrefixSet
        let footers = UIPhrases.footerSet
        page.decide(.uiPhrase) { _, line, t in
            (line.words <= Self.keywordLineWords && line.interfaceWords >= 1)
                || (line.words <= Self.promotionWords && line.interfaceWords >= 2)
                || (line.words <= Self.maximumWords
                    && (exactKeys.filteredValue(line.key) != 0 || prefixes.match(bytes, line.start, line.end) != nil
                        || !line.endsSentence && unended.match(bytes, line.start, line.end) != nil))
                || (line.mentionsCookies && UIPhrases.cookieCompanions.occurs(in: t))
                || (line.words <= Self.footerWords && footers.match(bytes, line.start, line.end) != nil)
        }
    }
}
