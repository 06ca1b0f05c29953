/// How surely a line closes the article (`EndMarkers.kind`).
enum EndMarkerKind {
    /// A bare "Comments", "Discussion" or "About Jane Doe": also a tab or a link in a list of
    /// links, so it ends the main text only when the text after it does not far outweigh the
    /// text before it (`MainTextPass.weakMarkerShare`).
    case weak
    /// A comment thread's header with its count, a comment form, an author's bio, the first
    /// entry of a thread: nothing after it is the article.
    case strong
}
