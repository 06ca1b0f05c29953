import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Exact verification keeps the shingle sets in a temporary file: when it cannot be made or
/// written, the run fails with the reason instead of finding fewer near-duplicates.
@Suite struct ShingleStoreFailureTests {
    /// Runs `script` under /bin/sh with the built binary in `$BIN`; returns status and stderr.
    static func shell(_ script: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(["BIN": TestSupport.binary.path]) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A JSONL corpus of distinct documents, `bytes` long or more.
    static func corpus(bytes: Int) throws -> URL {
        let seeds = try TestSupport.seedNames.map(TestSupport.seedText)
        var jsonl = JSONWriter()
        var i = 0
        while jsonl.bytes.count < bytes {
            jsonl.openObject(); jsonl.key("id"); jsonl.string("d\(i)"); jsonl.key("text")
            jsonl.string(DedupStageTests.edited(seeds[i % seeds.count], every: 3 + i % 7) + "\nNumber \(i).")
            jsonl.closeObject(); jsonl.newline()
            i += 1
        }
        let url = try TestSupport.temporaryDirectory("in").appendingPathComponent("corpus.jsonl")
        try Data(jsonl.bytes).write(to: url)
        return url
    }

    @Test func aTemporaryFolderThatCannotBeUsedFailsTheRun() throws {
        let input = try Self.corpus(bytes: 10_000)
        let output = try TestSupport.temporaryDirectory("out")
        let result = try Self.shell("TMPDIR=/nonexistent/folder exec \"$BIN\" run --stages dedup -i '\(input.path)' -o '\(output.path)'")
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent/folder") && result.stderr.contains("shingle"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("manifest.jsonl").path))
    }

    @Test(.enabled(if: getuid() == 0, "mounts a tmpfs in a private mount namespace: needs root, as CI runs"))
    func aFullTemporaryFolderFailsTheRunAndResumeFinishesIt() throws {
        // A 64 KB tmpfs fills after a few documents; batches of 16 are checkpointed before that.
        let mount = try TestSupport.temporaryDirectory("tmpfs")
        let input = try Self.corpus(bytes: 400_000)
        let config = try TestSupport.temporaryDirectory("cfg").appendingPathComponent("small-batches.json")
        try #"{"batch_size": 16, "workers": 2, "stages": ["dedup"]}"#.write(to: config, atomically: true, encoding: .utf8)
        let output = try TestSupport.temporaryDirectory("out")
        let result = try Self.shell("""
            exec unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$0" || exit 90
            TMPDIR="$0" "$BIN" run --config "$3" -i "$1" -o "$2"' '\(mount.path)' '\(input.path)' '\(output.path)' '\(config.path)'
            """)
        #expect(result.status != 90, "could not mount a tmpfs: \(result.stderr)")
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot write the shingle file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("manifest.jsonl").path))

        // Resumed with a usable temporary folder, the run gives what an uninterrupted one gives.
        let resumed = try Self.shell("exec \"$BIN\" run --config '\(config.path)' -i '\(input.path)' -o '\(output.path)' --resume")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let clean = try TestSupport.temporaryDirectory("clean")
        let uninterrupted = try Self.shell("exec \"$BIN\" run --config '\(config.path)' -i '\(input.path)' -o '\(clean.path)'")
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        for name in ["manifest.jsonl", "documents.jsonl", "rejected.jsonl"] {
            let a = try Data(contentsOf: output.appendingPathComponent(name))
            let b = try Data(contentsOf: clean.appendingPathComponent(name))
            #expect(a == b, "\(name) differs after the resume")
        }
    }
}
