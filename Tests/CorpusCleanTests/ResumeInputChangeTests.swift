import Foundation
import Testing
@testable import CorpusClean

/// `--resume` continues only on the input it started on: a changed input is refused (exit 2)
/// instead of skipping documents never read and keeping ones that are gone.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs strace (scripts/ensure-deps.sh installs it)"))
struct ResumeInputChangeTests {
    /// Runs the binary under strace, killed at its third rename (or the `at`-th): until the
    /// commit, the only renames are those of the checkpoint file, so after two checkpoints of
    /// 20 documents. Returns the exit status.
    static func killedRun(_ arguments: [String], at rename: Int = 3) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        process.arguments = ["-f", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2",
                             "-e", "inject=rename,renameat,renameat2:signal=SIGKILL:when=\(rename)", TestSupport.binary.path] + arguments
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func jsonl(_ range: Range<Int>, tag: String) -> String {
        range.map { i in
            #"{"id": "d\#(i)", "text": "Document number \#(i) of the \#(tag) input, a sentence long enough to be kept by every stage of the run."}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test func aReplacedFileIsRefusedAndTheSameFileResumes() throws {
        let root = try TestSupport.temporaryDirectory("resume-change")
        let input = root.appendingPathComponent("in.jsonl"), config = root.appendingPathComponent("c.json")
        try #"{"batch_size": 20, "workers": 1}"#.write(to: config, atomically: true, encoding: .utf8)
        let original = Self.jsonl(0..<200, tag: "first")
        try original.write(to: input, atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("out")
        let base = ["run", "--config", config.path, "-i", input.path, "-o", output.path]
        #expect(try Self.killedRun(base) != 0)
        #expect(RunCheckpoint.load(path: output.appendingPathComponent(".staging/checkpoint.json").path) != nil)

        // Replaced between the kill and the resume: refused, and the interrupted run stays resumable.
        try Self.jsonl(0..<260, tag: "second").write(to: input, atomically: true, encoding: .utf8)
        let refused = try TestSupport.runBinary(base + ["--resume"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the input changed since the interrupted run"), "\(refused.stderr)")

        // A rerun without --resume cleans the new input whole.
        let rerun = try TestSupport.runBinary(base)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try TestSupport.manifest(output).count == 260)
    }

    @Test func theSameInputResumesToTheUninterruptedOutput() throws {
        let root = try TestSupport.temporaryDirectory("resume-same")
        let input = root.appendingPathComponent("in.jsonl"), config = root.appendingPathComponent("c.json")
        try #"{"batch_size": 20, "workers": 1}"#.write(to: config, atomically: true, encoding: .utf8)
        try Self.jsonl(0..<200, tag: "first").write(to: input, atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("out"), reference = root.appendingPathComponent("ref")
        let base = ["run", "--config", config.path, "-i", input.path]
        #expect(try TestSupport.runBinary(base + ["-o", reference.path]).status == 0)
        #expect(try Self.killedRun(base + ["-o", output.path]) != 0)
        let resumed = try TestSupport.runBinary(base + ["-o", output.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        for name in ["manifest.jsonl", "documents.jsonl", "rejected.jsonl"] {
            #expect(try Data(contentsOf: output.appendingPathComponent(name)) == Data(contentsOf: reference.appendingPathComponent(name)),
                    "\(name) differs")
        }
    }

    @Test func aFileAddedToATextFolderIsRefused() throws {
        let root = try TestSupport.temporaryDirectory("resume-folder")
        let input = root.appendingPathComponent("in"), config = root.appendingPathComponent("c.json")
        try #"{"batch_size": 20, "workers": 1}"#.write(to: config, atomically: true, encoding: .utf8)
        for i in 0..<100 {
            try "Text file number \(i), a sentence long enough to be kept by every stage of the run.\n"
                .write(to: input.appendingPathComponent(String(format: "%03d.txt", i)).creatingParent(), atomically: true, encoding: .utf8)
        }
        let output = root.appendingPathComponent("out")
        let base = ["run", "--config", config.path, "-i", input.path, "-o", output.path]
        #expect(try Self.killedRun(base) != 0)
        try "A file added after the kill, long enough to be kept by every stage of the run.\n"
            .write(to: input.appendingPathComponent("050a.txt"), atomically: true, encoding: .utf8)
        let refused = try TestSupport.runBinary(base + ["--resume"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the input changed since the interrupted run"), "\(refused.stderr)")
    }
}
