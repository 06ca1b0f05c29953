import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Runs the README's shell examples (see `ShellExample`) against the built binary, so they
/// cannot go stale: each block in a fresh folder holding a copy of the seeds (`seeds/`, the
/// default input), `corpus.jsonl` (the seeds as `{"id", "text"}` records) and its gzip copy
/// `shard-0001.jsonl.gz`, with the binary's folder first on PATH. Every command must exit 0
/// and print what the README shows under it.
@Suite struct ReadmeExampleTests {
    @Test func readmeShellExamplesRunAndPrintWhatTheyShow() throws {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = ShellExample.examples(in: readme)
        #expect(examples.count >= 3, "the README's runnable examples were not found")
        #expect(examples.contains { $0.steps.contains { $0.command.hasPrefix("corpusclean run -i corpus.jsonl -o out") } })
        for example in examples {
            let folder = try ReadmeExampleTests.fixture()
            defer { try? FileManager.default.removeItem(at: folder) }
            for step in example.steps {
                let result = try ReadmeExampleTests.bash(step.command, in: folder)
                #expect(result.status == 0, "README line \(example.line): `\(step.command)` exited \(result.status): \(result.stderr)")
                if let expected = step.expected {
                    #expect(ShellExample.matches(result.stdout, expected),
                            "README line \(example.line): `\(step.command)` printed\n\(result.stdout)\ninstead of\n\(expected.joined(separator: "\n"))")
                }
            }
        }
    }

    @Test func transcriptsSplitIntoCommandsAndOutputWithWildcards() {
        let page = "text\n```sh no-test\nmake test\n```\n```sh\n$ echo a \\\n  b\na b\n$ ls\n...\nz\n```\n```sh\ntrue\n```\n"
        let examples = ShellExample.examples(in: page)
        #expect(examples.map(\.line) == [5, 13])
        #expect(examples[0].steps.map(\.command) == ["echo a \\\n  b", "ls"])
        #expect(examples[0].steps.map(\.expected) == [["a b"], ["...", "z"]])
        #expect(examples[1].steps.map(\.expected) == [nil])
        #expect(ShellExample.matches("x\ny\nz\n", ["...", "z"]))
        #expect(ShellExample.matches("z  \n\n", ["z"]))
        #expect(!ShellExample.matches("z\nw\n", ["z"]))
        #expect(!ShellExample.matches("x\n", ["...", "z"]))
    }

    /// A fresh folder with the seeds, `corpus.jsonl` and `shard-0001.jsonl.gz`.
    static func fixture() throws -> URL {
        let folder = try TestSupport.temporaryDirectory("readme")
        try FileManager.default.copyItem(at: TestSupport.seeds, to: folder.appendingPathComponent("seeds"))
        var jsonl = ""
        for name in TestSupport.seedNames {
            var writer = JSONWriter()
            writer.value(.object([(key: "id", value: .string(name)), (key: "text", value: .string(try TestSupport.seedText(name)))]))
            jsonl += writer.string + "\n"
        }
        try jsonl.write(to: folder.appendingPathComponent("corpus.jsonl"), atomically: true, encoding: .utf8)
        try TestSupport.runShell("cd '\(folder.path)' && gzip -c corpus.jsonl > shard-0001.jsonl.gz")
        return folder
    }

    /// Runs `command` with bash in `folder`, the binary's folder first on PATH.
    static func bash(_ command: String, in folder: URL) throws -> TestSupport.ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = TestSupport.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("readme-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("readme-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return TestSupport.ProcessResult(status: process.terminationStatus,
                                         stdout: try String(contentsOf: out, encoding: .utf8),
                                         stderr: try String(contentsOf: err, encoding: .utf8))
    }
}
