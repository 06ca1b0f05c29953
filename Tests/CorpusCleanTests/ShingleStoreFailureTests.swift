import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Exact verification keeps the shingle sets in a file: in a run that cannot be resumed (here a
/// compressed documents.jsonl), a temporary one. When it cannot be made or written, the run fails
/// with the reason instead of finding fewer near-duplicates.
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

    /// A config of the dedup stage alone writing a gzip-compressed documents.jsonl (which
    /// cannot be resumed), with `extra` members.
    static func compressedConfig(_ extra: String = "") throws -> URL {
        let config = try TestSupport.temporaryDirectory("cfg").appendingPathComponent("compressed.json")
        try #"{\#(extra)"stages": ["dedup"], "output": {"compression": "gzip"}}"#.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    @Test func aTemporaryFolderThatCannotBeUsedFailsTheRun() throws {
        let input = try Self.corpus(bytes: 10_000)
        let output = try TestSupport.temporaryDirectory("out")
        let config = try Self.compressedConfig()
        let result = try Self.shell("TMPDIR=/nonexistent/folder exec \"$BIN\" run --config '\(config.path)' -i '\(input.path)' -o '\(output.path)'")
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent/folder") && result.stderr.contains("shingle"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("manifest.jsonl").path))
    }

    /// A run that can be resumed keeps the sets in its staging directory, not in `$TMPDIR`.
    @Test func aResumableRunDoesNotUseTheTemporaryFolder() throws {
        let input = try Self.corpus(bytes: 10_000)
        let output = try TestSupport.temporaryDirectory("out")
        let result = try Self.shell("TMPDIR=/nonexistent/folder exec \"$BIN\" run --stages dedup -i '\(input.path)' -o '\(output.path)'")
        #expect(result.status == 0, "\(result.stderr)")
        let clean = try TestSupport.temporaryDirectory("clean")
        #expect(try Self.shell("exec \"$BIN\" run --stages dedup -i '\(input.path)' -o '\(clean.path)'").status == 0)
        for name in ["manifest.jsonl", "documents.jsonl"] {
            #expect(try Data(contentsOf: output.appendingPathComponent(name)) == Data(contentsOf: clean.appendingPathComponent(name)))
        }
        // The staged sets went with the staging directory at the commit.
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(".staging").path))
    }

    @Test(.enabled(if: getuid() == 0, "mounts a tmpfs in a private mount namespace: needs root, as CI runs"))
    func aFullTemporaryFolderFailsTheRunAndARunAgainFinishesIt() throws {
        // A 64 KB tmpfs fills after a few documents.
        let mount = try TestSupport.temporaryDirectory("tmpfs")
        let input = try Self.corpus(bytes: 400_000)
        let config = try Self.compressedConfig(#""batch_size": 16, "workers": 2, "#)
        let output = try TestSupport.temporaryDirectory("out")
        let result = try Self.shell("""
            exec unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$0" || exit 90
            TMPDIR="$0" "$BIN" run --config "$3" -i "$1" -o "$2"' '\(mount.path)' '\(input.path)' '\(output.path)' '\(config.path)'
            """)
        #expect(result.status != 90, "could not mount a tmpfs: \(result.stderr)")
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot write the shingle file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("manifest.jsonl").path))

        // With a usable temporary folder, a run again gives what an uninterrupted one gives (the
        // compressed output cannot be resumed).
        let again = try Self.shell("exec \"$BIN\" run --config '\(config.path)' -i '\(input.path)' -o '\(output.path)'")
        #expect(again.status == 0, "\(again.stderr)")
        try Self.expectUninterruptedOutput(in: output, config: config, input: input,
                                           files: ["manifest.jsonl", "documents.jsonl.gz", "rejected.jsonl"])
    }

    /// Expects `files` in `output` to be those of an uninterrupted run of `config` over `input`.
    static func expectUninterruptedOutput(in output: URL, config: URL, input: URL, files: [String]) throws {
        let clean = try TestSupport.temporaryDirectory("clean")
        let uninterrupted = try Self.shell("exec \"$BIN\" run --config '\(config.path)' -i '\(input.path)' -o '\(clean.path)'")
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        for name in files {
            let a = try Data(contentsOf: output.appendingPathComponent(name))
            let b = try Data(contentsOf: clean.appendingPathComponent(name))
            #expect(a == b, "\(name) differs from an uninterrupted run's")
        }
    }

    /// A resumable run keeps the sets in its output's staging directory: when the output's file
    /// system fills up after a checkpoint, the run fails, and once there is room `--resume`
    /// finishes it with the output of an uninterrupted run.
    @Test(.enabled(if: getuid() == 0, "mounts a tmpfs in a private mount namespace: needs root, as CI runs"))
    func aFullOutputAfterACheckpointFailsTheRunAndResumeFinishesIt() throws {
        let mount = try TestSupport.temporaryDirectory("tmpfs")
        let saved = try TestSupport.temporaryDirectory("saved")
        let input = try Self.corpus(bytes: 400_000)
        let config = try TestSupport.temporaryDirectory("cfg").appendingPathComponent("resumable.json")
        try #"{"batch_size": 4, "workers": 2, "stages": ["dedup"]}"#.write(to: config, atomically: true, encoding: .utf8)
        // A 512 KB tmpfs as the output's file system fills after a few checkpoints; it is grown,
        // the run resumed, and its output copied out of the mount namespace.
        let result = try Self.shell("""
            exec unshare -m sh -c 'mount -t tmpfs -o size=512k tmpfs "$0" || exit 90
            "$BIN" run --config "$3" -i "$1" -o "$0/out" 2>"$2/first.err"; echo $? >"$2/first.status"
            cp "$0/out/.staging/checkpoint.json" "$2/" || exit 91
            mount -o remount,size=64m "$0" || exit 92
            "$BIN" run --config "$3" -i "$1" -o "$0/out" --resume || exit 93
            cp "$0/out/manifest.jsonl" "$0/out/documents.jsonl" "$0/out/rejected.jsonl" "$2/"' \
              '\(mount.path)' '\(input.path)' '\(saved.path)' '\(config.path)'
            """)
        #expect(result.status == 0, "\(result.status): \(result.stderr)")
        let first = try String(contentsOf: saved.appendingPathComponent("first.status"), encoding: .utf8)
        let firstError = try String(contentsOf: saved.appendingPathComponent("first.err"), encoding: .utf8)
        #expect(first.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(first) \(firstError)")
        let checkpoint = try #require(try RunCheckpoint.load(path: saved.appendingPathComponent(RunCheckpoint.fileName).path))
        #expect(checkpoint.documents > 0 && (checkpoint.offsets[ShingleStore.stagedName] ?? 0) > 0, "\(firstError)")
        try Self.expectUninterruptedOutput(in: saved, config: config, input: input,
                                           files: ["manifest.jsonl", "documents.jsonl", "rejected.jsonl"])
    }
}
