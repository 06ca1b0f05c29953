import CorpusCleanCore
/// The rows of a table or code block being found, line by line of `nonBlank`: rows with at most a
/// given number of short lines (headings inside the table, "else" in code) between two of them.
/// A closed run of `minimumRows` rows or more becomes a block, with up to `Tables.maximumGap` + 1
/// header lines (`Tables.isHeader`) right before its first row.
struct RowRun {
    private(set) var rows = 0
    private var first = 0, last = 0, gap = 0
    private let lines: [LineFeatures], nonBlank: [Int], minimumRows: Int

    init(_ lines: [LineFeatures], _ nonBlank: [Int], minimumRows: Int) {
        (self.lines, self.nonBlank, self.minimumRows) = (lines, nonBlank, minimumRows)
    }

    /// Adds row `k`. When more than `maximumGap` lines lie since the last row, the run closes
    /// first: its block, if any, is returned.
    mutating func add(_ k: Int, maximumGap: Int) -> Range<Int>? {
        var block: Range<Int>?
        if rows == 0 || gap > maximumGap {
            block = close()
            first = k
        }
        rows += 1
        last = k
        gap = 0
        return block
    }

    /// A line that is no row: a `gap` line counts as one, any other closes the run. Outside a run
    /// (most lines) `isGap` is not evaluated.
    mutating func skip(gap isGap: @autoclosure () -> Bool) -> Range<Int>? {
        guard rows > 0 else { return nil }
        if isGap() {
            gap += 1
            return nil
        }
        return close()
    }

    /// Ends the run: its block with its header when it has `minimumRows` rows or more.
    mutating func close() -> Range<Int>? {
        defer { rows = 0 }
        guard rows >= minimumRows else { return nil }
        var start = first
        while start > 0 && first - start <= Tables.maximumGap && Tables.isHeader(lines[nonBlank[start - 1]]) { start -= 1 }
        return start..<(last + 1)
    }
}
