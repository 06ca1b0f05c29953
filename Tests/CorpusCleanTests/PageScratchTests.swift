import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// `PageScratch`: a page that takes a thread's arrays after a longer or shorter page decides
/// every line as a page on new arrays does.
@Suite struct PageScratchTests {
    static let classifier = BoilerplateClassifier(options: .defaults, corpusCounts: nil)

    static func reasons(_ text: String, scratch: PageScratch?) -> (reasons: [BoilerplateReason?], quality: [LineQuality]) {
        var text = text
        return text.withUTF8 { bytes in
            let scan = LineScanner(bytes, reusing: scratch)
            let page = scratch.map { classifier.classify(scan, bytes, language: nil, scratch: $0) }
                ?? classifier.classify(scan, bytes, language: nil)
            defer { scratch?.keep(page) }
            return (page.reasons, page.quality)
        }
    }

    @Test func aPageOnKeptArraysDecidesAsOnNewOnes() throws {
        let texts = try TestSupport.seedNames.map(TestSupport.seedText) + ["One line.", ""]
        let scratch = PageScratch()
        // Each text after every other: kept arrays longer, shorter and as long as the page.
        for first in texts {
            for text in texts {
                _ = Self.reasons(first, scratch: scratch)
                let kept = Self.reasons(text, scratch: scratch)
                let new = Self.reasons(text, scratch: nil)
                #expect(kept.reasons == new.reasons)
                #expect(kept.quality == new.quality)
            }
        }
    }

    @Test func theStageGivesTheSameTextWhateverCameBefore() throws {
        let stage = BoilerplateStage(options: .defaults)
        let texts = try TestSupport.seedNames.map(TestSupport.seedText)
        let first = texts.map { TestSupport.run(stage, $0).text }
        let again = texts.reversed().map { TestSupport.run(stage, $0).text }
        #expect(Array(again.reversed()) == first)
    }
}
