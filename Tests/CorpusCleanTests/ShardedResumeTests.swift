import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// `--resume` of a sharded output: killed with strace between checkpoints (before, inside and
/// after a shard's end), it gives the uninterrupted run's bytes; a changed shard is refused.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs strace (scripts/ensure-deps.sh installs it)"))
struct ShardedResumeTests {
    /// `in/` with `a/0.json.gz` (30 records), `a/1.json.gz` (50) and `b/0.jsonl.zst` (40); every
    /// tenth record of `b` copies one of `a/0` (dropped by dedup across shards, also after a resume).
    static func shardFolder(_ root: URL) throws -> URL {
        let input = root.appendingPathComponent("in")
        for (name, count, first) in [("a/0.json", 30, 2000), ("a/1.json", 50, 3000), ("b/0.jsonl", 40, 4000)] {
            let url = input.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let lines = (0..<count).map { i in
                let seed = first == 4000 && i % 10 == 0 ? 2000 + i / 10 : first + i
                return ShardedInputTests.record("\(name)-\(i)", ShardedInputTests.text(seed))
            }
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        try TestSupport.runShell("cd '\(input.path)' && gzip -n a/0.json a/1.json && zstd -q --rm b/0.jsonl")
        return input
    }

    /// With `attributes`, the Dolma attribute files (one per shard) resume with the cleaned shards.
    @Test(arguments: [false, true])
    func aKilledShardedRunResumesToTheUninterruptedOutput(attributes: Bool) throws {
        let root = try TestSupport.temporaryDirectory("shard-resume")
        let input = try Self.shardFolder(root)
        let config = root.appendingPathComponent("c.json")
        let outputOptions = attributes ? #", "output": {"dolma_attributes": "cc"}"# : ""
        try #"{"batch_size": 20, "workers": 1\#(outputOptions)}"#.write(to: config, atomically: true, encoding: .utf8)
        let base = ["run", "--config", config.path, "-i", input.path, "--no-progress"]
        let reference = root.appendingPathComponent("ref")
        let full = try TestSupport.runBinary(base + ["-o", reference.path])
        #expect(full.status == 0, "\(full.stderr)")
        let expected = try ShardedInputTests.files(reference).filter { $0.key != "summary.json" && $0.key != ".lock" }
        let shards = ["a/0.json.gz", "a/1.json.gz", "b/0.jsonl.zst"]
        #expect(expected.keys.sorted() == (attributes ? shards.map { "attributes/cc/" + $0 } : [])
                    + shards.map { "docs/" + $0 } + ["manifest.jsonl", "rejected.jsonl"])
        let manifest = try TestSupport.manifest(reference)
        #expect(manifest.filter { $0["reason"]?.stringValue == "exact_duplicate" }.count == 4)

        // Killed at the 2nd, 3rd... checkpoint's renames: during the checkpoint after 40, 60, 80 or 100 documents
        // (the first shard ends at 30, the second at 80), before its first rename (the last checkpoint
        // stays) or after the unlink of the last one (only the new one is left, as checkpoint.json.next,
        // while the part file of a shard it counts finished is still there).
        for kill in 2...5 {
            for afterUnlink in [false, true] {
                let output = root.appendingPathComponent("out\(kill)\(afterUnlink ? "u" : "")")
                let done = 20 * (afterUnlink ? kill : kill - 1)
                #expect(try ResumeInputChangeTests.killedRun(base + ["-o", output.path], at: kill, afterUnlink: afterUnlink) != 0)
                let checkpoint = try RunCheckpoint.load(path: output.appendingPathComponent(".staging/checkpoint.json").path)
                #expect(checkpoint?.documents == done, "kill \(kill), after the unlink \(afterUnlink)")
                let resumed = try TestSupport.runBinary(base + ["-o", output.path, "--resume", "--log-format", "json"])
                #expect(resumed.status == 0, "\(resumed.stderr)")
                #expect(resumed.stderr.contains(#""documents_done":\#(done)"#), "kill \(kill), after the unlink \(afterUnlink): \(resumed.stderr)")
                let got = try ShardedInputTests.files(output).filter { $0.key != "summary.json" && $0.key != ".lock" }
                #expect(got == expected, "kill \(kill), after the unlink \(afterUnlink): \(got.keys.sorted())")
            }
        }

        // A shard changed between the kill and the resume: refused.
        let output = root.appendingPathComponent("changed")
        #expect(try ResumeInputChangeTests.killedRun(base + ["-o", output.path], at: 4) != 0)
        try TestSupport.runShell("cd '\(input.path)' && zcat a/1.json.gz | head -n 49 | gzip -n > a/1.json.gz.new && mv a/1.json.gz.new a/1.json.gz")
        let refused = try TestSupport.runBinary(base + ["-o", output.path, "--resume"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the input changed since the interrupted run"), "\(refused.stderr)")
    }

    /// A shard rewritten in place after the kill, in the part the interrupted run had read, with
    /// its size, inode and modification time unchanged: the fingerprint cannot tell, the hash of
    /// the bytes read across the shards does, and `--resume` refuses it (exit 2).
    @Test func aShardRewrittenInPlaceWithItsTimeRestoredIsRefused() throws {
        let root = try TestSupport.temporaryDirectory("shard-rewrite")
        let input = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for (name, count, first) in [("a.jsonl", 30, 5000), ("b.jsonl", 50, 6000), ("c.jsonl", 40, 7000)] {
            let lines = (0..<count).map { ShardedInputTests.record("\(name)-\($0)", ShardedInputTests.text(first + $0)) }
            try (lines.joined(separator: "\n") + "\n").write(to: input.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let config = root.appendingPathComponent("c.json")
        try #"{"batch_size": 20, "workers": 1}"#.write(to: config, atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("out")
        let arguments = ["run", "--config", config.path, "-i", input.path, "-o", output.path, "--no-progress"]
        // Killed during the checkpoint after 60 documents: 30 of a.jsonl and 30 of b.jsonl.
        #expect(try ResumeInputChangeTests.killedRun(arguments, at: 4) != 0)
        let checkpoint = try #require(try RunCheckpoint.load(path: output.appendingPathComponent(".staging/checkpoint.json").path))
        #expect(checkpoint.documents == 60)
        #expect(checkpoint.inputRead != nil)

        // One letter of b.jsonl's first text changes case, written over in place; the time is put back.
        let shard = input.appendingPathComponent("b.jsonl"), reference = root.appendingPathComponent("stamp")
        try TestSupport.runShell("touch -r '\(shard.path)' '\(reference.path)'")
        func stamp() -> String {
            var info = stat()
            return stat(shard.path, &info) == 0 ? InputFingerprint.stamp(info) : "?"
        }
        let before = stamp()
        let bytes = try Data(contentsOf: shard)
        let text = try #require(bytes.firstRange(of: Data(#""text": ""#.utf8)))
        let handle = try FileHandle(forUpdating: shard)
        try handle.seek(toOffset: UInt64(text.upperBound))
        try handle.write(contentsOf: Data(String(UnicodeScalar(bytes[text.upperBound])).lowercased().utf8))
        try handle.close()
        #expect(try Data(contentsOf: shard) != bytes)
        try TestSupport.runShell("touch -r '\(reference.path)' '\(shard.path)'")
        #expect(stamp() == before, "size, modification time and inode as the fingerprint takes them")

        let refused = try TestSupport.runBinary(arguments + ["--resume"])
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("the input changed since the interrupted run: the \(checkpoint.inputRead?.bytes ?? 0) bytes of its first 60 documents differ by content"),
                "\(refused.stderr)")
        // Still resumable once the shard is put back as it was.
        try bytes.write(to: shard)
        try TestSupport.runShell("touch -r '\(reference.path)' '\(shard.path)'")
        let resumed = try TestSupport.runBinary(arguments + ["--resume", "--log-format", "json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains(#""documents_done":60"#), "\(resumed.stderr)")
    }
}
