import Testing
@testable import CorpusCleanCore

/// The writer's runs of lines: a range that follows the run grows it, any other ends it.
@Suite struct LineRunsTests {
    @Test func followingRangesMakeOneRunAndAGapEndsIt() {
        var run: Range<Int>?
        #expect(LineRuns.extend(&run, with: 0..<10) == nil)
        #expect(LineRuns.extend(&run, with: 10..<25) == nil)
        #expect(LineRuns.extend(&run, with: 25..<26) == nil)
        #expect(run == 0..<26)
        #expect(LineRuns.extend(&run, with: 30..<40) == 0..<26)
        #expect(run == 30..<40)
        // A range of other lines (a document encoded again) that happens to start where the run ends.
        #expect(LineRuns.extend(&run, with: 0..<5) == 30..<40)
        #expect(run == 0..<5)
    }
}
