import CorpusCleanCore
/// A short line that repeats an earlier line of the same document (a menu, a table of
/// contents). Option `repeated_in_document` (with `RepeatedHeadingPass` and `RestatementPass`).
struct RepeatedLinePass: BoilerplatePass {
    /// A repeated line has fewer words.
    static let wordLimit = 20

    func apply(to page: inout Page) {
        let repeated = Self.laterRepeats(page.lines)
        page.decide(.repeatedInDocument) { i, line, _ in
            repeated[i] && line.words < Self.wordLimit && !line.endsSentence
        }
    }

    /// Lines whose key an earlier line has (open addressing on the keys, which are hashes).
    static func laterRepeats(_ lines: [LineFeatures]) -> [Bool] {
        var size = 64
        while size < lines.count * 2 { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        var repeated = [Bool](repeating: false, count: lines.count)
        for (n, line) in lines.enumerated() where line.key != 0 {
            var i = Int(truncatingIfNeeded: line.key >> 9) & (size - 1)
            while slots[i] != 0 && slots[i] != line.key { i = (i + 1) & (size - 1) }
            if slots[i] == line.key { repeated[n] = true } else { slots[i] = line.key }
        }
        return repeated
    }
}
