import Foundation
import Testing
@testable import CorpusClean

@Suite struct ConfigTests {
    private func error(_ json: String) -> ConfigError? {
        do {
            _ = try TestSupport.config(json)
            return nil
        } catch let error as ConfigError {
            return error
        } catch {
            return nil
        }
    }

    @Test func theShippedConfigIsValidAndEqualsTheDefaults() throws {
        let config = try PipelineConfig.load(path: TestSupport.packageRoot.appendingPathComponent("pipeline.json").path)
        #expect(config.stages == StageName.defaultOrder)
        #expect(config.configHash == PipelineConfig.defaults().configHash)
    }

    @Test func unknownKeysNameThePathAndTheValidKeys() {
        let e = error(#"{"dedup": {"treshold": 0.8}}"#)
        #expect(e?.keyPath == "dedup.treshold")
        #expect(e?.message.contains("threshold") == true)
        #expect(error(#"{"stagez": []}"#)?.keyPath == "stagez")
    }

    @Test func wrongTypesAndRangesAreRejected() {
        #expect(error(#"{"dedup": {"threshold": "high"}}"#)?.message.contains("expected number") == true)
        #expect(error(#"{"dedup": {"threshold": 1.5}}"#)?.keyPath == "dedup.threshold")
        #expect(error(#"{"workers": 1.5}"#)?.keyPath == "workers")
        #expect(error(#"{"normalize": {"form": "NFX"}}"#)?.message.contains("NFKC") == true)
        #expect(error(#"{"language": []}"#)?.message.contains("expected object") == true)
        #expect(error(#"[1, 2]"#) != nil)
    }

    @Test func unknownStagesListTheChoices() {
        let e = error(#"{"stages": ["normalize", "dedupe"]}"#)
        #expect(e?.keyPath == "stages[1]")
        #expect(e?.message.contains("boilerplate") == true)
        #expect(error(#"{"stages": ["dedup", "dedup"]}"#)?.keyPath == "stages[1]")
    }

    @Test func brokenJSONNamesTheFile() throws {
        let dir = try TestSupport.temporaryDirectory("config")
        let path = dir.appendingPathComponent("broken.json").path
        try "{\"workers\": 2,,}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try PipelineConfig.load(path: path) }
        do {
            _ = try PipelineConfig.load(path: path)
        } catch {
            #expect(error.file == path)
            #expect(error.message.contains("byte"))
        }
    }

    @Test func configHashIgnoresPathsAndWorkersButNotOptions() throws {
        let a = try TestSupport.config(#"{"workers": 1, "input": {"path": "x"}}"#)
        let b = try TestSupport.config(#"{"workers": 4, "output": {"path": "y"}}"#)
        let c = try TestSupport.config(#"{"dedup": {"threshold": 0.9}}"#)
        #expect(a.configHash == b.configHash)
        #expect(a.configHash != c.configHash)
    }
}
