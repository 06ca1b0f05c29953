import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut
@testable import CorpusCleanCLI

/// The progress line (from injected numbers) and what a run reports to it.
@Suite struct ProgressTests {
    @Test func aKnownSizeShowsBarPercentRatesAndTimeLeft() {
        let start = RunProgress(documents: 0, bytesRead: 0, totalBytes: 40_000_000)
        let now = RunProgress(documents: 2_000, bytesRead: 10_000_000, totalBytes: 40_000_000)
        #expect(ProgressBar.line(now, since: start, seconds: 5)
                == "[######..................] 25%  2000 docs  400 docs/s  2 MB/s  ETA 0:15")
        let done = RunProgress(documents: 8_000, expectedDocuments: 8_000, bytesRead: 40_000_000, totalBytes: 40_000_000)
        #expect(ProgressBar.line(done, since: start, seconds: 20)
                == "[########################] 100%  8000/8000 docs  400 docs/s  2 MB/s  ETA 0:00")
    }

    @Test func anUnknownSizeShowsDocumentsAndRatesOnly() {
        let start = RunProgress(documents: 0, bytesRead: 0)
        let now = RunProgress(documents: 2_048, bytesRead: 3_400_000)
        #expect(ProgressBar.line(now, since: start, seconds: 2) == "2048 docs  1024 docs/s  1.7 MB/s")
    }

    @Test func aResumedRunStartsAtItsShareAndCountsRatesFromThere() {
        // Resumed at 440 of 3,000 documents, a quarter of the input already read.
        let start = RunProgress(documents: 440, expectedDocuments: 3_000, bytesRead: 1_000_000, totalBytes: 4_000_000)
        #expect(ProgressBar.line(start, since: start, seconds: 0)
                == "[######..................] 25%  440/3000 docs  0 docs/s  0 MB/s  ETA --:--")
        let later = RunProgress(documents: 1_440, expectedDocuments: 3_000, bytesRead: 3_000_000, totalBytes: 4_000_000)
        // 1,000 documents and 2 MB (half of the input) in 10 s since the resume; a quarter left.
        #expect(ProgressBar.line(later, since: start, seconds: 10)
                == "[##################......] 75%  1440/3000 docs  100 docs/s  0.2 MB/s  ETA 0:05")
    }

    @Test func timeLeftIsAClock() {
        #expect(ProgressBar.clock(5) == "0:05")
        #expect(ProgressBar.clock(754) == "12:34")
        #expect(ProgressBar.clock(3_723) == "1:02:03")
    }

    /// A run reports its start and end in input bytes, for each input kind: from the bytes
    /// (compressed ones for gzip) read of the file's size to all of them; a shard folder counts
    /// the bytes of every shard.
    @Test(arguments: ["text", "jsonl", "gzip", "zstd", "shards"])
    func aRunReportsBytesReadOfTheInputFromStartToEnd(kind: String) throws {
        let folder = try ReadmeExampleTests.fixture()
        let input: URL
        switch kind {
        case "text": input = folder.appendingPathComponent("seeds")
        case "jsonl": input = folder.appendingPathComponent("corpus.jsonl")
        case "gzip": input = folder.appendingPathComponent("shard-0001.jsonl.gz")
        case "shards":
            try TestSupport.runShell("cd '\(folder.path)' && mkdir shards && head -n 2 corpus.jsonl | gzip > shards/a.jsonl.gz"
                                     + " && tail -n +3 corpus.jsonl | zstd -q > shards/b.jsonl.zst")
            input = folder.appendingPathComponent("shards")
        default:
            try TestSupport.runShell("cd '\(folder.path)' && zstd -q corpus.jsonl -o corpus.jsonl.zst")
            input = folder.appendingPathComponent("corpus.jsonl.zst")
        }
        let size = switch kind {
        case "text": try TestSupport.seedNames.reduce(0) { $0 + (try Data(contentsOf: TestSupport.seeds.appendingPathComponent($1)).count) }
        case "shards": try ["a.jsonl.gz", "b.jsonl.zst"].reduce(0) { $0 + (try Data(contentsOf: input.appendingPathComponent($1)).count) }
        default: try Data(contentsOf: input).count
        }
        var job = RunJob(config: try TestSupport.config(#"{"batch_size": 2}"#), inputPath: input.path,
                         outputDirectory: folder.appendingPathComponent("out").path, logger: TestSupport.logger)
        nonisolated(unsafe) var reports: [RunProgress] = []
        job.progress = { reports.append($0) }
        _ = try job.run()
        // The readers read ahead (64 KiB), so a small file may be read whole at the start.
        #expect(reports.first?.documents == 0)
        #expect(reports.first?.expectedDocuments == (kind == "text" ? 5 : nil))
        #expect(reports.first?.totalBytes == size)
        #expect((reports.first?.bytesRead ?? -1) <= size)
        #expect(reports.last?.documents == 5)
        #expect(reports.last?.bytesRead == size)
        #expect(reports.last?.fraction == 1)
        #expect(reports.map(\.bytesRead) == reports.map(\.bytesRead).sorted())
    }
}
