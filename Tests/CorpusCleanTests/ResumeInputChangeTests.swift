import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// `--resume` continues only on the input it started on: a changed input is refused (exit 2)
/// instead of skipping documents never read and keeping ones that are gone.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs strace (scripts/ensure-deps.sh installs it)"))
struct ResumeInputChangeTests {
    /// Runs the binary under strace, killed at a rename of its `at`-th checkpoint (by default
    /// the third, after two checkpoints of 20 documents): until the commit, the only renames
    /// are the checkpoint file's, two a checkpoint (`.tmp` to `.next`, then `.next` into place
    /// once the last one is unlinked). Killed at the first, the last checkpoint stays in place;
    /// with `afterUnlink`, at the second, only the new one is left, as `.next`. Returns the
    /// exit status.
    static func killedRun(_ arguments: [String], at checkpoint: Int = 3, afterUnlink: Bool = false, stdin: URL? = nil) throws -> Int32 {
        let rename = 2 * checkpoint - (afterUnlink ? 0 : 1)
        let process = Process()
        if let stdin { process.standardInput = try FileHandle(forReadingFrom: stdin) }
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

    /// 200 JSONL documents, a config of 20-document batches, and a run on them killed at its
    /// third checkpoint (40 documents done). Returns the input, the output and the run's
    /// arguments (without --resume).
    static func killedJSONLRun(_ name: String) throws -> (input: URL, output: URL, arguments: [String]) {
        let root = try TestSupport.temporaryDirectory(name)
        let input = root.appendingPathComponent("in.jsonl"), config = root.appendingPathComponent("c.json")
        try #"{"batch_size": 20, "workers": 1}"#.write(to: config, atomically: true, encoding: .utf8)
        try Self.jsonl(0..<200, tag: "first").write(to: input, atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("out")
        let arguments = ["run", "--config", config.path, "-i", input.path, "-o", output.path]
        #expect(try Self.killedRun(arguments) != 0)
        return (input, output, arguments)
    }

    @Test func aReplacedFileIsRefusedAndTheSameFileResumes() throws {
        let (input, output, base) = try Self.killedJSONLRun("resume-change")
        #expect(try RunCheckpoint.load(path: output.appendingPathComponent(".staging/checkpoint.json").path) != nil)

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

    /// 200 JSONL documents, a config of 20-document batches, and their uninterrupted run's
    /// output in `reference`: returns the run's arguments (without `-o`) and the output to use.
    static func uninterruptedJSONLRun(_ name: String) throws -> (base: [String], output: URL, reference: URL) {
        let root = try TestSupport.temporaryDirectory(name)
        let input = root.appendingPathComponent("in.jsonl"), config = root.appendingPathComponent("c.json")
        try #"{"batch_size": 20, "workers": 1}"#.write(to: config, atomically: true, encoding: .utf8)
        try Self.jsonl(0..<200, tag: "first").write(to: input, atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("out"), reference = root.appendingPathComponent("ref")
        let base = ["run", "--config", config.path, "-i", input.path]
        #expect(try TestSupport.runBinary(base + ["-o", reference.path]).status == 0)
        return (base, output, reference)
    }

    /// Expects the JSONL outputs in `output` to be those in `reference`.
    static func expectSameOutputs(_ output: URL, _ reference: URL) throws {
        for name in ["manifest.jsonl", "documents.jsonl", "rejected.jsonl"] {
            #expect(try Data(contentsOf: output.appendingPathComponent(name)) == Data(contentsOf: reference.appendingPathComponent(name)),
                    "\(name) differs")
        }
    }

    @Test func theSameInputResumesToTheUninterruptedOutput() throws {
        let (base, output, reference) = try Self.uninterruptedJSONLRun("resume-same")
        #expect(try Self.killedRun(base + ["-o", output.path]) != 0)
        let resumed = try TestSupport.runBinary(base + ["-o", output.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        try Self.expectSameOutputs(output, reference)
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

    /// `size mtime inode` of a file, as `stat` prints them.
    static func stat(_ url: URL) throws -> String {
        try TestSupport.runShell("stat -c '%s %y %i' '\(url.path)'")
    }

    @Test func aFileRewrittenInPlaceWithItsSizeAndTimeRestoredIsRefused() throws {
        let (input, output, base) = try Self.killedJSONLRun("resume-inplace")
        let checkpoint = try #require(try RunCheckpoint.load(path: output.appendingPathComponent(".staging/checkpoint.json").path))
        #expect(checkpoint.documents == 40)
        #expect(checkpoint.inputRead?.bytes == Self.jsonl(0..<40, tag: "first").utf8.count)

        // Document 5 rewritten in place (same inode, same size), then the time put back.
        let before = try Self.stat(input)
        let time = try TestSupport.runShell("stat -c %y '\(input.path)'").trimmingCharacters(in: .newlines)
        let handle = try FileHandle(forUpdating: input)
        let at = try #require(Self.jsonl(0..<200, tag: "first").range(of: "number 5 of the first"))
        try handle.seek(toOffset: UInt64(Self.jsonl(0..<200, tag: "first")[..<at.lowerBound].utf8.count))
        try handle.write(contentsOf: Data("number 5 of the FIRST".utf8))
        try handle.close()
        try TestSupport.runShell("touch -d '\(time)' '\(input.path)'")
        #expect(try Self.stat(input) == before)

        let refused = try TestSupport.runBinary(base + ["--resume"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the input changed since the interrupted run: the \(checkpoint.inputRead?.bytes ?? 0) bytes of its first 40 documents differ by content"),
                "\(refused.stderr)")
        // Refused before anything was touched: still the interrupted run's checkpoint.
        #expect(try RunCheckpoint.load(path: output.appendingPathComponent(".staging/checkpoint.json").path)?.documents == 40)
    }

    /// Standard input, spooled for boilerplate's pre-pass or read as it comes without it.
    @Test(arguments: [[], ["--skip", "boilerplate"]])
    func anotherStreamOnStdinIsRefusedAndTheSameOneResumes(_ stages: [String]) throws {
        let root = try TestSupport.temporaryDirectory("resume-stdin")
        let config = root.appendingPathComponent("c.json")
        try #"{"batch_size": 20, "workers": 1}"#.write(to: config, atomically: true, encoding: .utf8)
        let first = root.appendingPathComponent("first.jsonl"), second = root.appendingPathComponent("second.jsonl")
        try Self.jsonl(0..<200, tag: "first").write(to: first, atomically: true, encoding: .utf8)
        // The same length, line for line: only the content tells it apart.
        try Self.jsonl(0..<200, tag: "other").write(to: second, atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("out"), reference = root.appendingPathComponent("ref")
        let base = ["run", "--config", config.path, "-i", "-"] + stages
        #expect(try TestSupport.runBinary(base + ["-o", reference.path], stdin: Data(contentsOf: first)).status == 0)
        #expect(try Self.killedRun(base + ["-o", output.path], stdin: first) != 0)

        let refused = try TestSupport.runBinary(base + ["-o", output.path, "--resume"], stdin: Data(contentsOf: second))
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("standard input is not the stream the interrupted run read"), "\(refused.stderr)")

        let resumed = try TestSupport.runBinary(base + ["-o", output.path, "--resume"], stdin: Data(contentsOf: first))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("documents_done"), "\(resumed.stderr)")
        for name in ["manifest.jsonl", "documents.jsonl", "rejected.jsonl"] {
            #expect(try Data(contentsOf: output.appendingPathComponent(name)) == Data(contentsOf: reference.appendingPathComponent(name)),
                    "\(name) differs")
        }
    }

    @Test func aCheckpointOfAnotherVersionIsRefused() throws {
        let (_, output, base) = try Self.killedJSONLRun("resume-version")
        let path = output.appendingPathComponent(".staging/checkpoint.json")
        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(text.contains(#""version":\#(RunCheckpoint.version)"#))
        try text.replacingOccurrences(of: #""version":\#(RunCheckpoint.version)"#, with: #""version":2"#)
            .write(to: path, atomically: true, encoding: .utf8)
        let refused = try TestSupport.runBinary(base + ["--resume"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("checkpoint is of version 2, written by another corpusclean (this one reads version \(RunCheckpoint.version))"),
                "\(refused.stderr)")
    }
}
