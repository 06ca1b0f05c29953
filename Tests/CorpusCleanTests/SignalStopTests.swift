import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// SIGINT, SIGTERM and SIGHUP stop a run at a safe point, with one line on stderr, exit status
/// 128 + the signal, and output that `--resume` finishes as an uninterrupted run would; a
/// second signal ends the run at once.
@Suite struct SignalStopTests {
    static let words = ["alpha", "river", "mountain", "forest", "city", "market", "garden", "winter", "summer", "bridge",
                        "harbor", "lantern", "meadow", "orchard", "valley", "canyon", "glacier", "island", "desert", "prairie"]

    /// Documents in the corpus: enough that a run goes on for a while after its first
    /// checkpoint (200 documents in), so that the signal finds it running.
    static let documents = 40_000

    /// `documents` documents of 60 words each, none alike, and a config of 200-document batches.
    static let corpus: (input: URL, config: URL, reference: URL) = {
        let root = try! TestSupport.temporaryDirectory("signal")
        let input = root.appendingPathComponent("in.jsonl"), config = root.appendingPathComponent("c.json")
        var generator = SystemRandomNumberGenerator()
        let lines = (0..<documents).map { i in
            let text = (0..<60).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
            return #"{"id": "d\#(i)", "text": "\#(text)."}"#
        }
        try! (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        try! #"{"batch_size": 200}"#.write(to: config, atomically: true, encoding: .utf8)
        let reference = root.appendingPathComponent("reference")
        let run = try! TestSupport.runBinary(["run", "--config", config.path, "-i", input.path, "-o", reference.path])
        precondition(run.status == 0, run.stderr)
        return (input, config, reference)
    }()

    /// Starts the binary with `arguments`, stderr to a file; returns the process.
    static func start(_ arguments: [String], stderr: URL, stdin: FileHandle? = nil) throws -> Process {
        let process = Process()
        process.executableURL = TestSupport.binary
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardOutput = FileHandle.nullDevice
        if let stdin { process.standardInput = stdin }
        try process.run()
        return process
    }

    /// The corpus split into four gzip shards of a quarter of its documents (`shards/part-0N.jsonl.gz`),
    /// and the uninterrupted run's output of them (gzip cleaned shards under `docs/`).
    static let shardedCorpus: (input: URL, reference: URL) = {
        let corpus = Self.corpus
        let shards = corpus.input.deletingLastPathComponent().appendingPathComponent("shards")
        try! FileManager.default.createDirectory(at: shards, withIntermediateDirectories: true)
        _ = try! TestSupport.runShell("cd '\(shards.path)' && split -l \(documents / 4) -d --additional-suffix=.jsonl '\(corpus.input.path)' part- && gzip -n part-*.jsonl")
        let reference = shards.deletingLastPathComponent().appendingPathComponent("sharded-reference")
        let run = try! TestSupport.runBinary(["run", "--config", corpus.config.path, "-i", shards.path, "-o", reference.path])
        precondition(run.status == 0, run.stderr)
        return (shards, reference)
    }()

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aSignalStopsTheRunAndResumeFinishesIt(_ signal: Int32) throws {
        try Self.stopAndResume(signal, input: Self.corpus.input, reference: Self.corpus.reference)
    }

    /// A sharded run stops at a checkpoint too (inside a shard, whose cleaned shard is still
    /// staged plain), and `--resume` gives the uninterrupted run's compressed shards.
    @Test func aSignalStopsAShardedRunAndResumeFinishesIt() throws {
        try Self.stopAndResume(SIGTERM, input: Self.shardedCorpus.input, reference: Self.shardedCorpus.reference)
    }

    /// Runs on `input`, sends `signal` once a checkpoint is written, checks the stop, resumes,
    /// and compares every output file but summary.json with `reference`.
    static func stopAndResume(_ signal: Int32, input: URL, reference: URL) throws {
        let root = try TestSupport.temporaryDirectory("signal-run")
        let output = root.appendingPathComponent("out"), log = root.appendingPathComponent("stderr")
        let arguments = ["run", "--config", corpus.config.path, "-i", input.path, "-o", output.path, "--log-format", "text"]
        let process = try Self.start(arguments, stderr: log)
        let checkpoint = output.appendingPathComponent(".staging/checkpoint.json")
        // Looked for every 2 ms: the run takes a fraction of a second.
        for _ in 0..<30_000 where !FileManager.default.fileExists(atPath: checkpoint.path) { usleep(2_000) }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()

        let stderr = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signal, "\(stderr)")
        let name = RunInterruption.name(signal)
        let lines = stderr.split(separator: "\n").filter { $0.contains("stopped by \(name)") }
        #expect(lines.count == 1, "\(stderr)")
        #expect(lines.first?.contains("documents done are checkpointed") == true && lines.first?.contains("--resume continues it") == true)
        let done = try #require(try RunCheckpoint.load(path: checkpoint.path)).documents
        #expect(done > 0 && done < documents)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("manifest.jsonl").path), "nothing committed")

        let resumed = try TestSupport.runBinary(arguments + ["--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("documents_done=\(done)"), "\(resumed.stderr)")
        let expected = try ShardedInputTests.files(reference).filter { $0.key != "summary.json" && $0.key != ".lock" }
        let got = try ShardedInputTests.files(output).filter { $0.key != "summary.json" && $0.key != ".lock" }
        #expect(expected.count >= 3)
        #expect(got == expected, "\(got.keys.sorted()) against \(expected.keys.sorted())")
    }

    /// A run started with SIGHUP ignored (as `nohup` starts it) keeps ignoring it and finishes.
    @Test func aSignalIgnoredAtStartStaysIgnored() throws {
        let root = try TestSupport.temporaryDirectory("signal-ignored")
        let output = root.appendingPathComponent("out")
        let result = try TestSupport.runShell("""
            trap '' HUP; '\(TestSupport.binary.path)' run --config '\(Self.corpus.config.path)' -i '\(Self.corpus.input.path)' \
              -o '\(output.path)' 2>/dev/null & pid=$!
            while [ ! -e '\(output.path)/.staging/checkpoint.json' ] && kill -0 $pid 2>/dev/null; do sleep 0.05; done
            kill -HUP $pid 2>/dev/null; wait $pid; echo "status $?"
            """)
        #expect(result.contains("status 0"), "\(result)")
        let expected = try ShardedInputTests.files(Self.corpus.reference).filter { $0.key != "summary.json" && $0.key != ".lock" }
        let got = try ShardedInputTests.files(output).filter { $0.key != "summary.json" && $0.key != ".lock" }
        #expect(got == expected)
    }

    /// A run waiting on standard input stops between documents, so the first signal waits for
    /// the next line; a second one ends it at once.
    @Test func aSecondSignalEndsTheRunAtOnce() throws {
        let root = try TestSupport.temporaryDirectory("signal-twice")
        let output = root.appendingPathComponent("out"), log = root.appendingPathComponent("stderr")
        let pipe = Pipe()
        let process = try Self.start(["run", "-i", "-", "-o", output.path, "--skip", "boilerplate"], stderr: log,
                                     stdin: pipe.fileHandleForReading)
        pipe.fileHandleForWriting.write(Data(#"{"id": "a", "text": "One line, and then the input waits."}"#.utf8 + [0x0A]))
        usleep(1_500_000)
        kill(process.processIdentifier, SIGTERM)
        usleep(1_000_000)
        #expect(process.isRunning, "the first signal waits for a safe point")
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<100 where process.isRunning { usleep(50_000) }
        #expect(!process.isRunning)
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try pipe.fileHandleForWriting.close()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGTERM)
    }
}
