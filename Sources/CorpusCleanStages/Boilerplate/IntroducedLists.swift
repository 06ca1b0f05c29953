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
    static let minimumItems = 2
    static let maximumItems = 40
    static let itemWords = 40

    /// The lists of a document as ranges of `order` (the indices of its non-blank lines), each
    /// with its introducing line.
    static func find(_ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>, _ order: [Int],
                     _ reasons: [BoilerplateReason?], _ quality: [BoilerplateStage.Quality]) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        var k = 0
        while k < order.count {
            let intro = order[k]
            k += 1
            guard reasons[intro] == nil, isIntro(lines[intro], bytes) else { continue }
            var end = k
            while end < order.count && end - k < maximumItems, case let i = order[end],
                  quality[i] != .good, reasons[i] == nil, lines[i].words <= itemWords {
                end += 1
            }
            if end - k >= minimumItems { blocks.append((k - 1)..<end) }
        }
        return blocks
    }

    /// Whether a line no rule removed introduces a list: `introWords` or more words, no
    /// interface keyword ("Subscribe to our newsletter:"), a colon (":" or "：") at the end.
    static func isIntro(_ line: LineFeatures, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        line.words >= introWords && line.interfaceWords == 0 && BoilerplateStage.endsWithColon(line, bytes)
    }
}
