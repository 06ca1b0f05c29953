import CorpusCleanCore
/// Bylines ("By Jane Doe") and breadcrumbs ("Home / News / World").
struct BylinePass: BoilerplatePass {
    /// Longest byline.
    static let maximumWords = 8
    /// Fewest separators of a breadcrumb.
    static let breadcrumbMinimum = 2

    func apply(to page: inout Page) {
        page.decide(.byline) { _, line, t in
            guard !line.endsSentence else { return false }
            if line.words <= Self.maximumWords, t.count > 3, t[0] | 0x20 == 0x62, t[1] | 0x20 == 0x79, t[2] == 0x20 { return true }
            return line.separators >= Self.breadcrumbMinimum && Self.breadcrumbSeparators(t) >= Self.breadcrumbMinimum
        }
    }

    static let breadcrumbPatterns: [[UInt8]] = [Array(" / ".utf8), Array(" | ".utf8), Array(" › ".utf8), Array(" » ".utf8)]

    /// Breadcrumb separators: " / ", " | ", " › ", " » ".
    static func breadcrumbSeparators(_ t: UnsafeBufferPointer<UInt8>) -> Int {
        let patterns = breadcrumbPatterns
        var count = 0
        var i = 0
        while i < t.count {
            if t[i] == 0x20, let p = patterns.first(where: { i + $0.count <= t.count && t[i..<(i + $0.count)].elementsEqual($0) }) {
                count += 1
                i += p.count - 1
            } else {
                i += 1
            }
        }
        return count
    }
}
