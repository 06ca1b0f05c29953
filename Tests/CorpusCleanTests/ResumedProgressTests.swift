import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The progress bar of a real run resumed after a kill: it starts at the share of the input
/// the killed run had read, not at 0, and ends at 100%.
@Suite struct ResumedProgressTests {
    @Test func aResumedRunShowsProgressFromItsCheckpointToTheEnd() throws {
        let root = try TestSupport.temporaryDirectory("progress")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("corpus.jsonl")
        var jsonl = ""
        let seeds = try TestSupport.seedNames.map(TestSupport.seedText)
        for i in 0..<1_500 {
            var writer = JSONWriter()
            writer.value(.object([(key: "id", value: .string("d\(i)")),
                                  (key: "text", value: .string(seeds[i % seeds.count] + "\nCopy \(i)."))]))
            jsonl += writer.string + "\n"
        }
        try jsonl.write(to: input, atomically: true, encoding: .utf8)
        let config = root.appendingPathComponent("pipeline.json")
        try #"{"batch_size": 25, "stages": ["normalize", "language"]}"#.write(to: config, atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("out")
        let base = ["run", "--config", config.path, "--input", input.path, "--output", output.path, "--log-format", "json"]

        let (killedAt, _) = try KilledRun.run(base, output: output, documents: 300)
        try #require(killedAt >= 300 && killedAt < 1_500, "the run was not killed midway (\(killedAt))")

        let resumed = try TestSupport.runBinary(base + ["--resume", "--progress"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let bars = resumed.stderr.split(separator: "\r").map(String.init).filter { $0.hasPrefix("\u{1B}[K[") }
        let percents = bars.compactMap { line -> Double? in
            line.split(separator: " ").first { $0.hasSuffix("%") }.flatMap { Double($0.dropLast()) }
        }
        let documents = bars.compactMap { line -> Int? in
            line.split(separator: " ").firstIndex(of: "docs").flatMap { Int(line.split(separator: " ")[$0 - 1]) }
        }
        try #require(percents.count >= 2, "\(resumed.stderr)")
        // The first line is drawn before any document is done: at the checkpoint's share.
        #expect(documents.first == killedAt)
        #expect(percents.first! >= 100 * Double(killedAt) / 1_500 - 10 && percents.first! < 100, "\(bars.first!)")
        #expect(percents.last == 100)
        #expect(documents.last == 1_500)
    }
}
