import Foundation
import Testing
@testable import CorpusCleanCore

/// A checkpoint is never renamed over the last one: it is renamed to `checkpoint.json.next`,
/// the last one unlinked, and the next one renamed into place. A run killed between the unlink
/// and that rename leaves only the next one, which `--resume` continues from.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs strace (scripts/ensure-deps.sh installs it)"))
struct CheckpointReplaceTests {
    @Test func aRunKilledAfterTheUnlinkResumesFromTheNextCheckpoint() throws {
        let (base, output, reference) = try ResumeInputChangeTests.uninterruptedJSONLRun("checkpoint-next")
        #expect(try ResumeInputChangeTests.killedRun(base + ["-o", output.path], at: 3, afterUnlink: true) != 0)

        let path = output.appendingPathComponent(".staging/" + RunCheckpoint.fileName).path
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: RunCheckpoint.nextPath(path)))
        #expect(try RunCheckpoint.load(path: path)?.documents == 60)

        let resumed = try TestSupport.runBinary(base + ["-o", output.path, "--resume", "--log-format", "json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains(#""documents_done":60"#), "\(resumed.stderr)")
        try ResumeInputChangeTests.expectSameOutputs(output, reference)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(".staging").path))
    }
}
