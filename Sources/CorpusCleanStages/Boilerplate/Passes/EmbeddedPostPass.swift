import CorpusCleanCore
/// Embedded posts (`EmbeddedPosts`: a tweet's text above its "— Jane Doe (@janedoe) date"):
/// added to the page's `blocks`, which weigh nothing against the main text and stay inside the
/// article (`KeptBlockPass`), so that the article's paragraphs after them are not cut off as
/// comments. Their names and dates are no comment thread: a line of them closes nothing
/// (`EndMarkerPass` took three of them for commenters' datelines). Option `tables`.
struct EmbeddedPostPass: BoilerplatePass {
    func apply(to page: inout Page) {
        // An attribution has a handle: a text without "@" has none (`EmbeddedPosts.find` would
        // search it for one).
        guard page.hasAt else { return }
        Self.addPosts(to: &page)
    }

    /// Adds the page's embedded posts to its blocks; none of their lines closes the article.
    static func addPosts(to page: inout Page) {
        // Appended only when found, as in `TablePass`.
        let posts = EmbeddedPosts.find(page.lines, page.bytes, page.nonBlank)
        guard !posts.isEmpty else { return }
        page.blocks += posts
        guard !page.closes.isEmpty else { return }
        for post in posts {
            for i in page.nonBlank[post] where page.closes[i] != nil { page.closes[i] = nil }
        }
    }
}
