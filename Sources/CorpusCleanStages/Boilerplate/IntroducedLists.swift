import CorpusCleanCore
/// Lists that a line of the text introduces with a colon ("The following checks are
/// implemented:", "Список запрещенных продуктов:"): the items are short and without a sentence
/// end, so the jusText classes call them chrome, yet they are the article's.
///
/// A list is an introducing line (`isIntro`) that no rule removed and the `minimumItems` or
/// more lines after it up to the next paragraph (`good` line), a line a rule removed, a line
/// of more than `itemWords` words, or `maximumItems` lines. Share bars and "Related:" headers
/// are UI phrases, so they introduce nothing; a sentence that introduces related headlines
/// ("Readers of this article also read the following:") does, and keeps them.
enum IntroducedLists {
    static let introWords = 4
    /// A shorter intro right under a paragraph, and the words its items have on average.
    static let shortIntroWords = 2
    static let shortIntroItemWords = 12
    static let minimumItems = 2
    static let maximumItems = 40
    static let itemWords = 40

    /// The lists of a document as ranges of `nonBlank` (the indices of its non-blank lines), each
    /// with its introducing line.
    static func find(_ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>, _ nonBlank: [Int],
                     _ reasons: [BoilerplateReason?], _ quality: [LineQuality]) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        var k = 0
        while k < nonBlank.count {
            let intro = nonBlank[k]
            k += 1
            guard reasons[intro] == nil, lines[intro].endsWithColon(bytes) else { continue }
            // A short intro ("Other deals:") introduces a list right under a paragraph, and only
            // items longer than headlines ("Related stories:" introduces those too).
            let long = isIntro(lines[intro], bytes)
            guard long || k >= 2 && quality[nonBlank[k - 2]] == .good && isIntro(lines[intro], bytes, words: shortIntroWords)
            else { continue }
            var end = k, words = 0
            while end < nonBlank.count && end - k < maximumItems, case let i = nonBlank[end],
                  quality[i] != .good, reasons[i] == nil, lines[i].words <= itemWords {
                words += lines[i].words
                end += 1
            }
            if end - k >= minimumItems && (long || words >= shortIntroItemWords * (end - k)) { blocks.append((k - 1)..<end) }
        }
        return blocks
    }

    /// Whether a line no rule removed introduces a list: `words` or more words, no interface
    /// keyword ("Subscribe to our newsletter:"), a colon (":" or "：") at the end.
    static func isIntro(_ line: LineFeatures, _ bytes: UnsafeBufferPointer<UInt8>, words: Int = introWords) -> Bool {
        line.words >= words && line.interfaceWords == 0 && line.endsWithColon(bytes)
    }
}
