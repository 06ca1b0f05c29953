import CorpusCleanCore
/// Tables and numbered lists: stretches of lines that are not sentences, so the jusText classes
/// call them chrome, yet belong to the article when it has them (standings, box scores, a list
/// of products the text introduces).
///
/// Two shapes are found, both of at least `minimumRows` rows:
/// - rows with numbers: lines of two or more cells (a space between) with at least two tokens
///   starting with a digit, a quarter or more of their words, with at most `maximumGap` short
///   non-sentence lines (section headings inside the table) between two rows, or lines that
///   start with a quantity ("1/2 tsp ground cloves") right after one another; rows are lines no
///   rule removed (a dateline is not a row); up to `maximumGap` + 1 short non-sentence lines
///   right before the first row are its header;
/// - numbered items: lines starting "1)", "2.", "3 " ..., each number one more than the last,
///   with at most `maximumGap` lines between two items (a link under each item).
enum Tables {
    static let minimumRows = 3
    static let maximumGap = 2
    /// A header or heading line has at most this many words and no sentence end.
    static let headerWords = 12

    /// The tables of a document as ranges of `nonBlank` (the indices of its non-blank lines).
    static func find(_ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>, _ nonBlank: [Int],
                     _ reasons: [BoilerplateReason?]) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        // A row has cells: a timestamp ("2019-11-13T23:06:00") is one token, not a row, and
        // a section number ("14.2.1. Firewall") is no cell.
        func hasNumbers(_ line: LineFeatures) -> Bool {
            guard line.numbers >= 2 && line.numbers * 4 >= line.words && line.words <= 40 else { return false }
            let t = UnsafeBufferPointer(rebasing: bytes[line.start..<line.end])
            guard let space = t.firstIndex(of: 0x20) else { return false }
            return line.numbers - sectionNumbers(t[..<space]) >= 2
        }
        // A quantity and a lowercase word, as in a list of ingredients or parts ("1 tsp
        // cinnamon"; "10 Strangest Medical Cases" is a headline).
        func isQuantity(_ line: LineFeatures) -> Bool {
            line.words <= 15 && quantityFirst(line, bytes)
        }
        // Both shapes in one pass: rows with numbers, numbered items.
        var run = RowRun(lines, nonBlank, minimumRows: minimumRows)
        var itemFirst = 0, itemLast = 0, items = 0, expected = 0
        func closeItems() {
            if items >= minimumRows { blocks.append(itemFirst..<(itemLast + 1)) }
            items = 0
        }
        for (k, i) in nonBlank.enumerated() {
            // Most lines have no number and come outside any run: the one count read, not the line.
            if lines[i].numbers == 0 && run.rows == 0 && items == 0 { continue }
            let line = lines[i]
            let candidate = reasons[i] == nil && line.numbers > 0
            let numbers = candidate && hasNumbers(line)
            // Quantities follow one another ("13 hours ago" under each headline is no table).
            let block = numbers || (candidate && isQuantity(line))
                ? run.add(k, maximumGap: numbers ? maximumGap : 0)
                : run.skip(gap: isHeader(line))
            if let block { blocks.append(block) }
            if line.numbers > 0, let n = leadingNumber(line, bytes) {
                if items > 0 && n == expected && k - itemLast <= maximumGap + 1 {
                    items += 1
                } else {
                    closeItems()
                    itemFirst = k
                    items = 1
                }
                itemLast = k
                expected = n + 1
            } else if items > 0 && k - itemLast > maximumGap + 1 {
                closeItems()
            }
        }
        if let block = run.close() { blocks.append(block) }
        closeItems()
        return blocks
    }

    /// A header or heading line: at most `headerWords` words and no sentence end.
    static func isHeader(_ line: LineFeatures) -> Bool {
        !line.endsSentence && line.words <= headerWords
    }

    /// The numbers of a section number ("14.2.1." has three), else 0.
    static func sectionNumbers(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        guard word.count >= 3, word.contains(0x2E) else { return 0 }
        var numbers = 0
        var previousDigit = false
        for c in word {
            let digit = c &- 0x30 < 10
            guard digit || c == 0x2E else { return 0 }
            if digit && !previousDigit { numbers += 1 }
            previousDigit = digit
        }
        return numbers
    }

    /// "8-9 ripe pears", "1/2 tsp ground cloves": a number (digits joined by "-", "/", "." or
    /// ","), a space and a lowercase ASCII letter.
    static func quantityFirst(_ line: LineFeatures, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.start < line.end && bytes[line.start] &- 0x30 < 10 else { return false }
        var i = line.start
        while i < line.end, bytes[i] &- 0x30 < 10 || bytes[i] == 0x2D || bytes[i] == 0x2F || bytes[i] == 0x2E || bytes[i] == 0x2C {
            i += 1
        }
        return i + 1 < line.end && bytes[i] == 0x20 && bytes[i + 1] &- 0x61 < 26
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
