/// Tables and numbered lists: stretches of lines that are not sentences, so the jusText classes
/// call them chrome, yet belong to the article when it has them (standings, box scores, a list
/// of products the text introduces).
///
/// Two shapes are found, both of at least `minimumRows` rows:
/// - rows with numbers: lines of two or more cells (a space between) with at least two tokens
///   starting with a digit, a quarter or more of their words, that no rule removed (a dateline
///   is not a row), with at most `maximumGap` short non-sentence lines (section headings
///   inside the table) between two rows; up to `maximumGap` + 1 such lines right before the
///   first row are its header;
/// - numbered items: lines starting "1)", "2.", "3 " ..., each number one more than the last,
///   with at most `maximumGap` lines between two items (a link under each item).
enum Tables {
    static let minimumRows = 3
    static let maximumGap = 2
    /// A header or heading line has at most this many words and no sentence end.
    static let headerWords = 12

    /// The tables of a document as ranges of `order` (the indices of its non-blank lines).
    static func find(_ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>, _ order: [Int],
                     _ reasons: [BoilerplateReason?]) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        // A row has cells: a timestamp ("2019-11-13T23:06:00") is one token, not a row.
        func isRow(_ line: LineFeatures) -> Bool {
            line.numbers >= 2 && line.numbers * 4 >= line.words && line.words <= 40
                && UnsafeBufferPointer(rebasing: bytes[line.start..<line.end]).contains(0x20)
        }
        func isHeader(_ line: LineFeatures) -> Bool {
            !line.endsSentence && line.words <= headerWords
        }

        // Rows with numbers.
        var first = -1, last = -1, rows = 0, gap = 0
        func closeRows() {
            if rows >= minimumRows {
                var start = first
                while start > 0 && first - start <= maximumGap && isHeader(lines[order[start - 1]]) { start -= 1 }
                blocks.append(start..<(last + 1))
            }
            rows = 0
        }
        for (k, i) in order.enumerated() {
            if reasons[i] == nil && isRow(lines[i]) {
                if rows == 0 || gap > maximumGap { closeRows(); first = k }
                rows += 1
                last = k
                gap = 0
            } else if rows > 0 && isHeader(lines[i]) {
                gap += 1
            } else {
                closeRows()
            }
        }
        closeRows()

        // Numbered items.
        var expected = 0, items = 0
        func closeItems() {
            if items >= minimumRows { blocks.append(first..<(last + 1)) }
            items = 0
        }
        for (k, i) in order.enumerated() {
            guard lines[i].numbers > 0, let n = leadingNumber(lines[i], bytes) else {
                if items > 0 && k - last > maximumGap + 1 { closeItems() }
                continue
            }
            if items > 0 && n == expected && k - last <= maximumGap + 1 {
                items += 1
            } else {
                closeItems()
                first = k
                items = 1
            }
            last = k
            expected = n + 1
        }
        closeItems()
        return blocks
    }

    /// The number that starts an item: one to three digits followed by ")", "." or ":" and a
    /// space, or by a space, and then more text.
    static func leadingNumber(_ line: LineFeatures, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = line.start
        var n = 0
        while i < line.end && i - line.start < 4, bytes[i] >= 0x30 && bytes[i] <= 0x39 {
            n = n * 10 + Int(bytes[i] - 0x30)
            i += 1
        }
        let digits = i - line.start
        guard digits >= 1 && digits <= 3 && i + 1 < line.end else { return nil }
        if bytes[i] == 0x29 || bytes[i] == 0x2E || bytes[i] == 0x3A { i += 1 }
        return i < line.end && bytes[i] == 0x20 ? n : nil
    }
}
