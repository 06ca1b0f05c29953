import CorpusCleanCore
/// Token F1 over 4-token shingles as boilerplate-dev/README.md defines it: tokens are `\w+`
/// runs (letters, digits, underscore) after NFKC, lowercase untouched; shingles are counted as
/// multisets. A text with fewer than 4 tokens gives one shingle of all its tokens. Shared by
/// the boilerplate benchmark and the quality-gate tests, so both score alike.
package enum ShingleScorer {
    /// Multiset of shingles of `text`.
    package static func shingles(_ text: String) -> [String: Int] {
        let nfkc = UnicodeNormalizer.normalize(text, form: .nfkc)
        var tokens: [Substring] = []
        var start: String.Index?
        var index = nfkc.startIndex
        for scalar in nfkc.unicodeScalars {
            let next = nfkc.unicodeScalars.index(after: index)
            if isWord(scalar) {
                if start == nil { start = index }
            } else if let s = start {
                tokens.append(nfkc[s..<index])
                start = nil
            }
            index = next
        }
        if let s = start { tokens.append(nfkc[s...]) }
        var counts: [String: Int] = [:]
        guard !tokens.isEmpty else { return counts }
        let width = min(4, tokens.count)
        for i in 0...(tokens.count - width) {
            counts[tokens[i..<(i + width)].joined(separator: " "), default: 0] += 1
        }
        return counts
    }

    /// Python's `\w`: letters (L*), numbers (Nd, Nl, No) and `_`.
    private static func isWord(_ s: Unicode.Scalar) -> Bool {
        s == "_" || isLetterOrNumber(s)
    }

    /// General category L* (Lu, Ll, Lt, Lm, Lo) or N* (Nd, Nl, No).
    package static func isLetterOrNumber(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Precision and recall of `output` against `gold`. An empty output scores 0 and 0
    /// (1 and 1 when the gold is empty too).
    package static func score(output: String, gold: String) -> (precision: Double, recall: Double) {
        let o = shingles(output)
        let g = shingles(gold)
        let outTotal = o.values.reduce(0, +)
        let goldTotal = g.values.reduce(0, +)
        if outTotal == 0 || goldTotal == 0 { return outTotal == goldTotal ? (1, 1) : (0, 0) }
        var common = 0
        for (k, n) in o { common += min(n, g[k] ?? 0) }
        return (Double(common) / Double(outTotal), Double(common) / Double(goldTotal))
    }
}
