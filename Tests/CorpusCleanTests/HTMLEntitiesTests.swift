import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The normalize stage decodes every WHATWG named character reference (generated from
/// Python's html.entities.html5 by scripts/generate-html-entities.py), closed by ';' only.
@Suite struct HTMLEntitiesTests {
    private let stage = NormalizeStage(options: .defaults)

    @Test func theWholeWHATWGListIsThere() {
        #expect(HTMLNamedReferences.all.count == 2125)
        #expect(HTMLNamedReferences.all["bigstar"] == "\u{2605}")
        #expect(HTMLNamedReferences.all["CounterClockwiseContourIntegral"] == "\u{2233}")
        #expect(HTMLNamedReferences.all.keys.allSatisfy { !$0.hasSuffix(";") })
    }

    @Test func namesBeyondTheOldTableDecode() {
        let (text, report) = TestSupport.run(stage, "5 &bigstar; hotel &ndash; &hearts; &Zcaron;ilina &rarr; &CounterClockwiseContourIntegral; &fjlig;ord")
        #expect(text == "5 ★ hotel – ♥ Žilina → ∳ fjord")
        #expect(report.fixes["html_entity"] == 7)
    }

    @Test func twoScalarReferencesDecodeToBoth() {
        #expect(TestSupport.run(stage, "a &NotEqualTilde; b").text == "a \u{2242}\u{338} b")
        #expect(TestSupport.run(stage, "x &nvlt; y").text == "x <\u{20D2} y")
    }

    @Test func semanticsStayTheSame() {
        // Only references closed by ';'; numeric ones with Windows-1252 for 128...159; &lang; is
        // WHATWG's U+27E8 (HTML 4 had U+2329).
        let (text, report) = TestSupport.run(stage, "a=1&copy=2 &amp x &unknownname; &#x80; &#0; &lang;v&rang;")
        #expect(text == "a=1&copy=2 &amp x &unknownname; € \u{FFFD} \u{27E8}v\u{27E9}")
        #expect(report.fixes["html_entity"] == 4)
    }
}
