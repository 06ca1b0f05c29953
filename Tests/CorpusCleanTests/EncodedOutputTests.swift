import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// Lines encoded ahead on a worker are written only while they are still the document's: a
/// decision that keeps the document without remark leaves them, any other change re-encodes.
@Suite struct EncodedOutputTests {
    static let lines = OutputLineEncoder(records: RecordEncoder(output: OutputOptions(), input: InputOptions()),
                                         attributes: DolmaAttributeEncoder(name: "cc"), writesRecords: true)

    static func state() -> DocumentState {
        var state = DocumentState(document: Document(ordinal: 0, id: "a", source: "a", text: "Some text.\n"))
        var report = StageReport(stage: .normalize)
        report.count("nbsp")
        state.record(report)
        return state
    }

    @Test func aDecisionWithoutRemarkKeepsTheLines() {
        var state = Self.state()
        let (encoded, lines) = Self.lines.encode(state)
        state.record(StageReport(stage: .dedup))
        #expect(encoded.holds(for: state))
        let (fresh, freshLines) = Self.lines.encode(state)
        #expect(lines.manifest[encoded.manifest] == freshLines.manifest[fresh.manifest])
        #expect(encoded.document.map { lines.documents[$0] } == fresh.document.map { freshLines.documents[$0] })
        #expect(encoded.attribute == fresh.attribute)
        #expect(encoded.rejected == nil)
    }

    @Test func aDropARemarkOrANewTextReencodes() {
        let before = Self.state()
        let encoded = Self.lines.encode(before).output
        var dropped = before
        var drop = StageReport(stage: .dedup)
        drop.duplicate = DuplicateMatch(duplicateOf: "b", similarity: 0.9, exact: false)
        drop.dropReason = .duplicate(exact: false)
        dropped.record(drop)
        #expect(!encoded.holds(for: dropped))
        #expect(Self.lines.encode(dropped).output.rejected != nil)

        var remarked = before
        var remark = StageReport(stage: .dedup)
        remark.set("cluster", .string("7"))
        remarked.record(remark)
        #expect(!encoded.holds(for: remarked))

        var edited = before
        edited.text = "Other text.\n"
        #expect(!encoded.holds(for: edited))

        var failed = before
        failed.fail(stage: .dedup, reason: "index_full")
        #expect(!encoded.holds(for: failed))
    }
}
