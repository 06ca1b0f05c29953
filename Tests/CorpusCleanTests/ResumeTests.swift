import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut
#if canImport(Glibc)
import Glibc
#endif

/// Crash safety and --resume, by killing a real run with SIGKILL.
@Suite struct ResumeTests {
    /// 1,500 documents: the seeds again and again, each copy made distinct, with exact and
    /// near copies sprinkled in so that dedup state matters across the kill.
    static func largeCorpus() throws -> URL {
        let dir = try TestSupport.temporaryDirectory("large")
        let seeds = try TestSupport.seedNames.map(TestSupport.seedText)
        for i in 0..<300 {
            for (j, seed) in seeds.enumerated() {
                let text: String
                switch i % 10 {
                case 3: text = seed + "\nCopy \(i - 3) of seed \(j)."        // exact copy of copy i-3
                case 7: text = DedupStageTests.edited(seed, every: 90 + i % 7) + "\nCopy \(i) of seed \(j)."
                default: text = seed + "\nCopy \(i) of seed \(j)."
                }
                let name = String(format: "%03d/%04d-%d.txt", i / 100, i, j)
                try text.write(to: dir.appendingPathComponent(name).creatingParent(), atomically: false, encoding: .utf8)
            }
        }
        return dir
    }

    @Test func aKilledRunResumesToTheSameOutput() throws {
        let input = try Self.largeCorpus()
        let root = try TestSupport.temporaryDirectory("resume")
        let config = root.appendingPathComponent("pipeline.json")
        try #"{"batch_size": 25}"#.write(to: config, atomically: true, encoding: .utf8)
        let reference = root.appendingPathComponent("reference")
        let base = ["run", "--config", config.path, "--input", input.path, "--log-format", "json"]
        #expect(try TestSupport.runBinary(base + ["--output", reference.path]).status == 0)

        // A complete earlier output that the killed run must leave in place.
        let output = root.appendingPathComponent("out")
        #expect(try TestSupport.runBinary(["run", "--config", config.path, "--input", TestSupport.seeds.path,
                                           "--output", output.path, "--log-format", "json"]).status == 0)

        let (killedAt, reason) = try KilledRun.run(base + ["--output", output.path], output: output, documents: 300)
        #expect(killedAt >= 300 && killedAt < 1500, "the run was not killed midway (\(killedAt))")
        #expect(reason == .uncaughtSignal)
        // The previous complete output is still there, whole.
        #expect(try TestSupport.manifest(output).count == 5)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("summary.json").path))

        let resumed = try TestSupport.runBinary(base + ["--output", output.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let resumeLine = resumed.stderr.split(separator: "\n").first { $0.contains("\"message\":\"resume\"") }
        let done = resumeLine.flatMap { try? JSONParser.parse(string: String($0)) }?["documents_done"]?.doubleValue.map { Int($0) }
        #expect((done ?? 0) >= killedAt, "resume did not start from the checkpoint")
        let expected = try PipelineRunnerTests.snapshot(reference)
        let actual = try PipelineRunnerTests.snapshot(output)
        #expect(actual.keys.sorted() == expected.keys.sorted())
        for (path, data) in expected where actual[path] != data {
            Issue.record("\(path) differs after resume")
        }
        #expect(try TestSupport.manifest(output).count == 1500)
    }

    @Test func resumeWithoutACheckpointStartsAfresh() throws {
        let output = try TestSupport.temporaryDirectory("out")
        let result = try TestSupport.runBinary(["run", "--output", output.path, "--resume", "--log-format", "json"],
                                               in: TestSupport.packageRoot)
        #expect(result.status == 0)
        #expect(result.stderr.contains("starting afresh"))
        #expect(try TestSupport.manifest(output).count == 5)
    }
}
