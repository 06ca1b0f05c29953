import CorpusCleanCore
/// A short line that repeats an earlier line of the same document (a menu, a table of
/// contents). Option `repeated_in_document` (with `RepeatedHeadingPass` and `RestatementPass`).
struct RepeatedLinePass: BoilerplatePass {
    /// A repeated line has fewer words.
    static let wordLimit = 20

    /// Lines whose key an earlier line has, by open addressing on the keys (which are hashes)
    /// in a temporary table: the rule on each line is applied as the line is met (every
    /// earlier line's key is in the table by then), and nothing is allocated per document.
    func apply(to page: inout Page) {
        var size = 64
        while size < page.lines.count * 2 { size <<= 1 }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { slots in
            slots.initialize(repeating: 0)
            let mask = size - 1
            for n in page.lines.indices {
                let key = page.lines[n].key
                guard key != 0 else { continue }
                var i = Int(truncatingIfNeeded: key >> 9) & mask
                while slots[i] != 0 && slots[i] != key { i = (i + 1) & mask }
                guard slots[i] == key else { slots[i] = key; continue }
                let line = page.lines[n]
                if page.isUndecided(n) && line.words < Self.wordLimit && !line.endsSentence {
                    page.reasons[n] = .repeatedInDocument
                }
            }
        }
    }
}
