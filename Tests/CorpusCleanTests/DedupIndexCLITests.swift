import Foundation
import Testing
@testable import CorpusClean

/// `corpusclean run --dedup-index DIR` on the real binary: daily batches.
@Suite struct DedupIndexCLITests {
    @Test func aSecondRunDropsWhatTheSavedIndexHolds() throws {
        let index = try TestSupport.temporaryDirectory("index").appendingPathComponent("dedup").path
        var manifests: [[JSONValue]] = []
        for _ in 0..<2 {
            let output = try TestSupport.temporaryDirectory("out")
            let result = try TestSupport.runBinary(["run", "--stages", "dedup", "--output", output.path, "--dedup-index", index],
                                                   in: TestSupport.packageRoot)
            #expect(result.status == 0, "\(result.stderr)")
            manifests.append(try TestSupport.manifest(output))
        }
        #expect(manifests[0].allSatisfy { $0["status"]?.stringValue == "kept" })
        for (first, second) in zip(manifests[0], manifests[1]) {
            #expect(second["reason"]?.stringValue == "exact_duplicate")
            #expect(second["duplicate_of"]?.stringValue == first["id"]?.stringValue)
        }
        #expect(FileManager.default.fileExists(atPath: index + "/index.json"))

        let config = try TestSupport.temporaryDirectory("cfg").appendingPathComponent("ngram3.json").path
        try #"{"dedup": {"ngram": 3}}"#.write(toFile: config, atomically: true, encoding: .utf8)
        let output = try TestSupport.temporaryDirectory("out")
        let other = try TestSupport.runBinary(["run", "--config", config, "--input", TestSupport.seeds.path, "--stages", "dedup",
                                               "--output", output.path, "--dedup-index", index])
        #expect(other.status == 1)
        #expect(other.stderr.contains("other dedup settings"))
    }
}
