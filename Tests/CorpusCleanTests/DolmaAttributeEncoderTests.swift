import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Dolma attribute spans point at the input text in Unicode scalars, line breaks included,
/// and are left out rather than wrong when the lines no longer match.
@Suite struct DolmaAttributeEncoderTests {
    @Test func removedLinesMapToScalarRangesOfTheInput() throws {
        let text = "Menü\r\nThe article, über alles.\rShare this\nLast"
        let removed = [RemovedLine(line: 1, text: "Menü", reason: "ui_phrase"),
                       RemovedLine(line: 3, text: "Share this", reason: "ui_phrase"),
                       RemovedLine(line: 4, text: "Last", reason: "short_in_tail")]
        let spans = try #require(DolmaAttributeEncoder.lineSpans(of: removed, in: text))
        let scalars = Array(text.unicodeScalars)
        func slice(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[r])) }
        #expect(spans.map(slice) == ["Menü\r\n", "Share this\n", "Last"])
    }

    @Test func linesThatNoLongerMatchGiveNoSpans() {
        let removed = [RemovedLine(line: 2, text: "Share this", reason: "ui_phrase")]
        #expect(DolmaAttributeEncoder.lineSpans(of: removed, in: "One\nTwo\nShare this") == nil)
        #expect(DolmaAttributeEncoder.lineSpans(of: removed, in: "One") == nil)
        #expect(DolmaAttributeEncoder.lineSpans(of: removed, in: "One\nShare this  \n") == [4..<17])
    }
}
