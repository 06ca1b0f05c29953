import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// `corpusclean run` without --config and without ./pipeline.json runs on the built-in
/// defaults, which are the values of the repository's pipeline.json.
@Suite struct DefaultConfigTests {
    private func folderWithInput() throws -> URL {
        let dir = try TestSupport.temporaryDirectory("noconfig")
        let lines = [
            #"{"id": "a", "text": "The committee met on Tuesday to discuss the budget for the coming year, and most members agreed."}"#,
            #"{"id": "b", "text": "Die Kommission hat am Dienstag über den Haushalt des kommenden Jahres beraten und ist sich einig."}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("x.jsonl"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func runsInAFolderWithoutPipelineJSON() throws {
        let dir = try folderWithInput()
        let result = try TestSupport.runBinary(["run", "-i", "x.jsonl", "-o", "out", "--log-format", "text"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("config: built-in defaults"), "the log says which config was used: \(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/documents.jsonl").path))
        #expect(try TestSupport.manifest(dir.appendingPathComponent("out")).map { $0["status"]?.stringValue } == ["kept", "kept"])
    }

    @Test func aMissingExplicitConfigStillExitsTwo() throws {
        let dir = try folderWithInput()
        let result = try TestSupport.runBinary(["run", "--config", "missing.json", "-i", "x.jsonl", "-o", "out"], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing.json"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func theLocalPipelineJSONIsUsedWhenThere() throws {
        let dir = try folderWithInput()
        try #"{"stages": ["normalize"]}"#.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        let result = try TestSupport.runBinary(["run", "-i", "x.jsonl", "-o", "out", "--log-format", "text"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("config: pipeline.json"))
        let summary = try JSONParser.parse(Data(contentsOf: dir.appendingPathComponent("out/summary.json")))
        guard case let .array(stages)? = summary["stages"] else { Issue.record("no stages in the summary"); return }
        #expect(stages.compactMap { $0["name"]?.stringValue } == ["normalize"])
    }

    @Test func theDefaultsAreTheRepositorysPipelineJSON() throws {
        let shipped = try PipelineConfig.load(path: TestSupport.packageRoot.appendingPathComponent("pipeline.json").path)
        let defaults = PipelineConfig.defaults()
        #expect(defaults.effectiveJSON == shipped.effectiveJSON)
        #expect(defaults.input.path == shipped.input.path)
        #expect(defaults.output.path == shipped.output.path)
        #expect(defaults.workers == shipped.workers)
        #expect(defaults.batchSize == shipped.batchSize)
        #expect(defaults[DedupStage.self].index == shipped[DedupStage.self].index)
    }
}
