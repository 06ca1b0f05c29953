import Foundation
import Testing
@testable import CorpusCleanCore

/// A checkpoint is not renamed over the last one: it is renamed to `checkpoint.json.next`, the
/// last one unlinked, and the next one renamed into place. A run killed between the unlink and
/// that rename leaves only the next one, which `--resume` continues from; killed between the
/// two, before the unlink, the last one, which `--resume` continues from.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs strace (scripts/ensure-deps.sh installs it)"))
struct CheckpointReplaceTests {
    @Test func aRunKilledAfterTheUnlinkResumesFromTheNextCheckpoint() throws {
        let (base, output, reference) = try ResumeInputChangeTests.uninterruptedJSONLRun("checkpoint-next")
        #expect(try ResumeInputChangeTests.killedRun(base + ["-o", output.path], at: 3, afterUnlink: true) != 0)

        let path = output.appendingPathComponent(".staging/" + RunCheckpoint.fileName).path
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: RunCheckpoint.nextPath(path)))
        #expect(try RunCheckpoint.load(path: path)?.documents == 60)

        try Self.expectResumes(base, output, reference, from: 60)
    }

    @Test func aRunKilledBeforeTheUnlinkResumesFromTheLastCheckpoint() throws {
        let (base, output, reference) = try ResumeInputChangeTests.uninterruptedJSONLRun("checkpoint-last")
        let path = output.appendingPathComponent(".staging/" + RunCheckpoint.fileName).path
        // Killed at the third checkpoint's unlink of the second (the first checkpoint's unlink,
        // of no file, is the first call on this path).
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        process.arguments = ["-f", "-o", "/dev/null", "-P", path, "-e", "trace=unlink,unlinkat",
                             "-e", "inject=unlink,unlinkat:signal=SIGKILL:when=3", TestSupport.binary.path] + base + ["-o", output.path]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)

        #expect(FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: RunCheckpoint.nextPath(path)))
        #expect(try RunCheckpoint.load(path: path)?.documents == 40)

        try Self.expectResumes(base, output, reference, from: 40)
    }

    @Test func aRunResumedFromTheNextCheckpointCanBeKilledAgain() throws {
        let (base, output, reference) = try ResumeInputChangeTests.uninterruptedJSONLRun("checkpoint-next-again")
        let killed = base + ["-o", output.path], resumed = killed + ["--resume"]
        let path = output.appendingPathComponent(".staging/" + RunCheckpoint.fileName).path
        #expect(try ResumeInputChangeTests.killedRun(killed, at: 3, afterUnlink: true) != 0)
        #expect(try RunCheckpoint.load(path: path)?.documents == 60)
        // Resumed from checkpoint.json.next alone, and killed before its first checkpoint's first
        // rename (over that .next), then after its unlink (of no file).
        #expect(try ResumeInputChangeTests.killedRun(resumed, at: 1) != 0)
        #expect(try RunCheckpoint.load(path: path)?.documents == 60)
        #expect(try ResumeInputChangeTests.killedRun(resumed, at: 1, afterUnlink: true) != 0)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try RunCheckpoint.load(path: path)?.documents == 80)
        try Self.expectResumes(base, output, reference, from: 80)
    }

    /// Expects `--resume` to continue from `documents` and give the uninterrupted run's outputs.
    static func expectResumes(_ base: [String], _ output: URL, _ reference: URL, from documents: Int) throws {
        let resumed = try TestSupport.runBinary(base + ["-o", output.path, "--resume", "--log-format", "json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains(#""documents_done":\#(documents)"#), "\(resumed.stderr)")
        try ResumeInputChangeTests.expectSameOutputs(output, reference)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(".staging").path))
    }
}
