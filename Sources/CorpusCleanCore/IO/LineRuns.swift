/// What the writer has yet to write of a chunk's `EncodedLines`: per file, the range of the
/// lines of the documents so far, grown while each document's line follows the one before,
/// so that a run of documents goes to a file as one slice of the chunk's array (one write,
/// one retain of the array and one vector of the writev), not a slice per document.
struct LineRuns {
    var manifest: Range<Int>?
    var rejected: Range<Int>?
    var documents: Range<Int>?

    /// Adds `range` to `run`; returns the run it ended, when `range` does not follow it.
    static func extend(_ run: inout Range<Int>?, with range: Range<Int>) -> Range<Int>? {
        guard let current = run else {
            run = range
            return nil
        }
        if current.upperBound == range.lowerBound {
            run = current.lowerBound..<range.upperBound
            return nil
        }
        run = range
        return current
    }
}
