import CorpusCleanCore
/// A headline with the site's name after it ("Headline - Sputnik International"), below the
/// first line: a link to another page.
struct SiteSuffixPass: BoilerplatePass {
    /// Words of the site's name.
    static let nameWords = 1...3
    /// Fewest words of the headline before it.
    static let headlineWords = 3

    func apply(to page: inout Page) {
        page.decide(.linkList) { i, line, t in
            i > 0 && !line.endsSentence && line.separators >= 1 && Self.hasSiteSuffix(t)
        }
    }

    static let suffixSeparators: [[UInt8]] = [Array(" - ".utf8), Array(" | ".utf8), Array(" — ".utf8), Array(" – ".utf8)]

    /// "Headline - Sputnik International": a short capitalized site name after the last
    /// " - ", " | ", " — " or " – ", behind at least three words.
    static func hasSiteSuffix(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        for separator in suffixSeparators {
            let at = separator.withUnsafeBufferPointer { lastMatch(of: $0, in: t) }
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

    /// Where `pattern` last occurs in `t` at an offset above 0, or 0 when it does not.
    private static func lastMatch(of pattern: UnsafeBufferPointer<UInt8>, in t: UnsafeBufferPointer<UInt8>) -> Int {
        let count = pattern.count
        var at = t.count - count
        let first = pattern[0]
        while at > 0 {
            if t[at] == first {
                var k = 1
                while k < count && t[at + k] == pattern[k] { k += 1 }
                if k == count { return at }
            }
            at -= 1
        }
        return 0
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
