import Foundation
import Testing
@testable import CorpusClean

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

    @Test func aFullTemporaryFolderFailsTheRun() throws {
        // A 64 KB tmpfs in a private mount namespace (root, as CI runs) fills after a few documents.
        let mount = try TestSupport.temporaryDirectory("tmpfs")
        let input = try Self.corpus(bytes: 400_000)
        let output = try TestSupport.temporaryDirectory("out")
        let result = try Self.shell("""
            exec unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$0" || exit 90
            TMPDIR="$0" "$BIN" run --stages dedup -i "$1" -o "$2"' '\(mount.path)' '\(input.path)' '\(output.path)'
            """)
        #expect(result.status != 90, "could not mount a tmpfs: \(result.stderr)")
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot write the shingle file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("manifest.jsonl").path))
    }
}
