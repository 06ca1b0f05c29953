import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// `.jsonl.zst` input through libzstd: the same documents as the plain file, told by the magic
/// bytes, one frame or several; a truncated or corrupt stream fails like a broken gzip one.
@Suite struct ZstdInputTests {
    /// A directory holding `in.jsonl` (with entities, a duplicate and a bad line) and `in.jsonl.zst`
    /// made from it by the zstd command.
    private func corpus(lines count: Int = 400) throws -> URL {
        let dir = try TestSupport.temporaryDirectory("zst")
        var lines = (0..<count).map {
            #"{"id": "d\#($0)", "text": "Record \#($0) of a corpus &amp; its notes, with \#($0 * 7919 % 104729) in it. The committee met on Tuesday to discuss the budget for the coming year.", "n": \#($0)}"#
        }
        lines.append(#"{"id": "copy", "text": "Record 1 of a corpus &amp; its notes, with 7919 in it. The committee met on Tuesday to discuss the budget for the coming year."}"#)
        lines.append(#"{"id": "broken", "text": "#)
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("in.jsonl"), atomically: true, encoding: .utf8)
        try TestSupport.runShell("cd '\(dir.path)' && zstd -q -k in.jsonl -o in.jsonl.zst")
        return dir
    }

    /// Runs the default pipeline on `input`: the manifest, with the input's path (in `source`,
    /// and in the id of a line without one) written `<input>`, and documents.jsonl.
    private func run(_ input: URL) throws -> (manifest: String, documents: Data) {
        let output = input.deletingLastPathComponent().appendingPathComponent("out-" + input.lastPathComponent)
        try TestSupport.runJob(try TestSupport.config("{}"), input: input, output: output)
        let manifest = try String(contentsOf: output.appendingPathComponent("manifest.jsonl"), encoding: .utf8)
        return (manifest.replacingOccurrences(of: input.path, with: "<input>"),
                try Data(contentsOf: output.appendingPathComponent("documents.jsonl")))
    }

    @Test func aZstdFileGivesTheSameOutputAsThePlainFile() throws {
        let dir = try corpus()
        let plain = try run(dir.appendingPathComponent("in.jsonl"))
        let lines = try plain.manifest.split(separator: "\n").map { try JSONParser.parse(string: String($0)) }
        #expect(lines.count == 402)
        #expect(lines.contains { $0["id"]?.stringValue == "<input>:402" && $0["status"]?.stringValue == "error" })
        #expect(lines.contains { $0["id"]?.stringValue == "copy" && $0["duplicate_of"]?.stringValue == "d1" })
        let zst = try run(dir.appendingPathComponent("in.jsonl.zst"))
        #expect(zst.manifest == plain.manifest)
        #expect(zst.documents == plain.documents)
    }

    @Test func framesFollowOneAnotherAndTheMagicBytesDecide() throws {
        let dir = try corpus()
        // Two frames (two files compressed apart, then joined), under a name without .zst.
        try TestSupport.runShell("cd '\(dir.path)' && head -n 150 in.jsonl > a && tail -n +151 in.jsonl > b && zstd -q a b && cat a.zst b.zst > frames.jsonl")
        let plain = try run(dir.appendingPathComponent("in.jsonl"))
        let frames = try run(dir.appendingPathComponent("frames.jsonl"))
        #expect(frames.manifest == plain.manifest)
        #expect(frames.documents == plain.documents)
    }

    @Test func zstdAndGzipOnStandardInput() throws {
        let dir = try corpus(lines: 20)
        try TestSupport.runShell("cd '\(dir.path)' && gzip -k in.jsonl")
        var outputs: [String] = []
        for name in ["in.jsonl", "in.jsonl.zst", "in.jsonl.gz"] {
            let result = try TestSupport.runBinary(["run", "--input", "-", "--output", "-", "--log-format", "json"], in: dir,
                                                   stdin: try Data(contentsOf: dir.appendingPathComponent(name)))
            #expect(result.status == 3, "\(name): \(result.stderr)")  // the broken line is an error document
            outputs.append(result.stdout)
        }
        #expect(outputs[0].split(separator: "\n").count == 20)
        #expect(outputs[1] == outputs[0])
        #expect(outputs[2] == outputs[0])
    }

    @Test func aTruncatedZstdStreamFailsTheRunAndCommitsNothing() throws {
        let dir = try corpus()
        let compressed = dir.appendingPathComponent("in.jsonl.zst")
        let bytes = try Data(contentsOf: compressed)
        try bytes.prefix(bytes.count / 2).write(to: compressed)
        let output = dir.appendingPathComponent("out")
        do {
            try TestSupport.runJob(try TestSupport.config("{}"), input: compressed, output: output)
            Issue.record("a truncated zstd stream was read without an error")
        } catch let error as InputError {
            #expect(error.description == "\(compressed.path): corrupt input: truncated zstd stream")
            #expect(!error.unsupportedFormat)
        }
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("summary.json").path))

        let cli = try TestSupport.runBinary(["run", "--input", "in.jsonl.zst", "--output", "cli-out", "--log-format", "text"], in: dir)
        #expect(cli.status == 1)
        #expect(cli.stderr.contains("in.jsonl.zst: corrupt input: truncated zstd stream"), "\(cli.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("cli-out/summary.json").path))
    }

    @Test func aCorruptZstdFrameFailsTheRun() throws {
        let dir = try corpus()
        let compressed = dir.appendingPathComponent("in.jsonl.zst")
        var bytes = try Data(contentsOf: compressed)
        for i in stride(from: bytes.count / 2, to: bytes.count / 2 + 64, by: 1) { bytes[i] ^= 0x5A }
        try bytes.write(to: compressed)
        #expect {
            try TestSupport.runJob(try TestSupport.config("{}"), input: compressed, output: dir.appendingPathComponent("out"))
        } throws: { error in
            (error as? InputError)?.message.hasPrefix("corrupt input: zstd: ") == true
        }
    }
}
