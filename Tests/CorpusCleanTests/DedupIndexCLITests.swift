import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// `corpusclean run --dedup-index DIR` on the real binary: daily batches.
@Suite struct DedupIndexCLITests {
    /// Runs dedup alone on `input` against `index`; returns the manifest.
    static func run(_ input: URL, index: String) throws -> [JSONValue] {
        let output = try TestSupport.temporaryDirectory("out")
        let result = try TestSupport.runBinary(["run", "--stages", "dedup", "-i", input.path, "--output", output.path,
                                                "--dedup-index", index])
        #expect(result.status == 0, "\(result.stderr)")
        return try TestSupport.manifest(output)
    }

    @Test func aSecondRunDropsWhatTheSavedIndexHolds() throws {
        let index = try TestSupport.temporaryDirectory("index").appendingPathComponent("dedup").path
        // Two inputs with the same documents: the second run's are in the index.
        let manifests = try [TestSupport.copyOfSeeds(), TestSupport.copyOfSeeds()].map { try Self.run($0, index: index) }
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

    /// The index knows its last run's input: the same input again (a cron job run twice)
    /// replaces that run's entries and gives the same output; after another input it does not.
    @Test func runningTheSameInputAgainReplacesItsEntries() throws {
        let index = try TestSupport.temporaryDirectory("index").appendingPathComponent("dedup").path
        func entries() throws -> Double? {
            try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: index + "/index.json")))["entries"]?.doubleValue
        }
        let input = try TestSupport.copyOfSeeds(), other = try TestSupport.copyOfSeeds()
        let first = try Self.run(input, index: index)
        let count = try entries()
        #expect(first.allSatisfy { $0["status"]?.stringValue == "kept" })
        let again = try Self.run(input, index: index)
        #expect(again == first)
        #expect(try entries() == count)
        #expect(try Self.run(other, index: index).allSatisfy { $0["reason"]?.stringValue == "exact_duplicate" })
        #expect(try Self.run(input, index: index).allSatisfy { $0["reason"]?.stringValue == "exact_duplicate" },
                "the last run read another input: this one's documents are in the index")
    }
}
