/// A stretch of lines that `MainTextPass` weighs as the main text: positions in `Page.nonBlank`.
struct Stretch {
    /// The words of its paragraphs less the penalties of the chrome in it.
    var score = 0
    var from = 0
    /// The last position; -1 for no stretch.
    var to = -1
    /// Whether a paragraph is in it (not only short lines that their neighbours made good).
    var paragraph = false
    /// The position the search stopped at: an end marker, or the end of the page.
    var stop: Int
    /// Whether the search stopped at a weak end marker.
    var stoppedWeakly = false
}
