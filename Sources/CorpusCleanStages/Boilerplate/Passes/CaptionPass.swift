import CorpusCleanCore
/// Photo captions (`Captions`): a credit such as "(AP Photo/Jane Doe)", or a date written as
/// agency captions write it. Option `captions`.
struct CaptionPass: BoilerplatePass {
    /// Longest caption.
    static let maximumWords = 60
    /// Fewest words, and date words, of a caption known by its date alone.
    static let datedWords = 10
    static let datedDateWords = 2
    /// A caption known by its date names its subject first: a weekday's date among a line's first
    /// words opens running text ("Beginning Tuesday, Nov. 13, 2012, I will ...").
    static let datedOpeningWords = 4

    func apply(to page: inout Page) {
        page.decide(.caption) { _, line, t in
            line.words <= Self.maximumWords
                && (Captions.isCaption(t)
                    || (line.words >= Self.datedWords && line.dateWords >= Self.datedDateWords
                        && Captions.hasWeekdayDate(Self.afterOpening(t))))
        }
    }

    /// The line past its first `datedOpeningWords` words (empty when it has no more).
    static func afterOpening(_ t: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var spaces = 0
        for (k, c) in t.enumerated() where c == 0x20 {
            spaces += 1
            if spaces == datedOpeningWords { return UnsafeBufferPointer(rebasing: t[(k + 1)...]) }
        }
        return UnsafeBufferPointer(rebasing: t[t.count...])
    }
}
