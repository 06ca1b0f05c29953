import CorpusCleanCore
/// A headline with the site's name after it ("Headline - Sputnik International"), below the
/// first line: a link to another page.
struct SiteSuffixPass: BoilerplatePass {
    /// Words of the site's name.
    static let nameWords = 1...3
    /// Fewest words of the headline before it.
    static let headlineWords = 3

    func apply(to page: inout Page) {
        // Most pages have no line with a separator (about two in three of perf-dev's).
        guard page.separatorLines > 0 else { return }
        page.decide(.linkList) { i, line, t in
            i > 0 && !line.endsSentence && line.separators >= 1 && Self.hasSiteSuffix(t)
        }
    }

    /// " - ", " | ", " — ", " – ": tried in this order.
    static let suffixSeparators: [[UInt8]] = [Array(" - ".utf8), Array(" | ".utf8), Array(" — ".utf8), Array(" – ".utf8)]

    /// "Headline - Sputnik International": a short capitalized site name after the last
    /// " - ", " | ", " — " or " – ", behind at least three words.
    static func hasSiteSuffix(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let last = lastSeparators(t)
        for (k, separator) in suffixSeparators.enumerated() {
            let at = last[k]
            guard at > 0 else { continue }
            // One to three words after it, each capitalized (an ASCII capital first), three or more before.
            var suffixWords = 0
            var capitalized = true
            var previous: UInt8 = 0x20
            for c in t[(at + separator.count)...] {
                if previous == 0x20 && c != 0x20 {
                    suffixWords += 1
                    if c < 0x41 || c > 0x5A { capitalized = false }
                }
                previous = c
            }
            guard capitalized, nameWords.contains(suffixWords), words(t[..<at]) >= headlineWords else { continue }
            return true
        }
        return false
    }

    /// Where each of `suffixSeparators` last occurs in `t` at an offset above 0 (0 where it does
    /// not), found in one walk back over `t`.
    private static func lastSeparators(_ t: UnsafeBufferPointer<UInt8>) -> InlineArray<4, Int> {
        var last: InlineArray<4, Int> = [0, 0, 0, 0]
        var found = 0
        var at = t.count - 3
        while at > 0 && found < 4 {
            if t[at] == 0x20 {
                // The byte after the space tells the separator.
                var k = -1
                switch t[at + 1] {
                case 0x2D: k = t[at + 2] == 0x20 ? 0 : -1
                case 0x7C: k = t[at + 2] == 0x20 ? 1 : -1
                case 0xE2 where at + 5 <= t.count && t[at + 2] == 0x80 && t[at + 4] == 0x20:
                    k = t[at + 3] == 0x94 ? 2 : t[at + 3] == 0x93 ? 3 : -1
                default: break
                }
                if k >= 0 && last[k] == 0 {
                    last[k] = at
                    found += 1
                }
            }
            at -= 1
        }
        return last
    }

    /// Runs of bytes other than spaces.
    private static func words(_ t: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var count = 0
        var previous: UInt8 = 0x20
        for c in t {
            if previous == 0x20 && c != 0x20 { count += 1 }
            previous = c
        }
        return count
    }
}
