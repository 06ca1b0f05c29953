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

    /// Breadcrumb separators: " / ", " | ", " › ", " » " (a closing space may open the next one).
    static func breadcrumbSeparators(_ t: UnsafeBufferPointer<UInt8>) -> Int {
        let n = t.count
        var count = 0
        var i = 0
        while i + 3 <= n {
            if t[i] == 0x20 {
                // The byte after the space tells the separator; its length, 0 for none.
                var length = 0
                switch t[i + 1] {
                case 0x2F, 0x7C: length = t[i + 2] == 0x20 ? 3 : 0
                case 0xE2: length = i + 5 <= n && t[i + 2] == 0x80 && t[i + 3] == 0xBA && t[i + 4] == 0x20 ? 5 : 0
                case 0xC2: length = i + 4 <= n && t[i + 2] == 0xBB && t[i + 3] == 0x20 ? 4 : 0
                default: break
                }
                if length > 0 {
                    count += 1
                    i += length - 1
                    continue
                }
            }
            i += 1
        }
        return count
    }
}
