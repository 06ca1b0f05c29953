import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// `--dump-stages` keeps every document's text: ids that come to one file name get suffixes
/// instead of overwriting each other, and a file that cannot be written is reported.
@Suite struct StageDumperTests {
    static func document(_ ordinal: Int, _ id: String, _ text: String) -> DocumentState {
        DocumentState(document: Document(ordinal: ordinal, id: id, source: id, text: text))
    }

    @Test func idsThatComeToOneNameDoNotOverwriteEachOther() throws {
        let directory = try TestSupport.temporaryDirectory("dump").appendingPathComponent("d").path
        let dumper = try StageDumper(directory: directory, stages: [.normalize])
        let states = [Self.document(0, "b", "first"), Self.document(1, "./b", "second"), Self.document(2, "b", "third")]
        dumper.dump(step: 0, states: states)
        dumper.dump(step: 1, states: states)
        for folder in ["00-input", "01-normalize"] {
            let texts = try ["b", "b~2", "b~3"].map { try String(contentsOfFile: "\(directory)/\(folder)/\($0)", encoding: .utf8) }
            #expect(texts == ["first\n", "second\n", "third\n"])
        }
        #expect(dumper.renamed == 2)
        #expect(dumper.failures.isEmpty)
    }

    @Test func aFileThatCannotBeWrittenIsReported() throws {
        let directory = try TestSupport.temporaryDirectory("dump").appendingPathComponent("d").path
        let dumper = try StageDumper(directory: directory, stages: [])
        // "x" is a file, so "x/y" cannot be made under it.
        dumper.dump(step: 0, states: [Self.document(0, "x", "a file"), Self.document(1, "x/y", "under a file")])
        #expect(dumper.failures.count == 1)
        #expect(dumper.failures.first?.contains("00-input/x/y") == true)
    }
}
