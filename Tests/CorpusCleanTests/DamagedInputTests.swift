import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Input damaged in ways that must neither lose documents silently nor refuse good ones.
@Suite struct DamagedInputTests {
    static let records = [
        #"{"id": "a", "text": "A perfectly normal sentence that is long enough to be kept by every stage."}"#,
        #"{"id": "b", "text": "Another sentence that is long enough and different from the first one entirely."}"#,
    ]

    /// Writes `bytes` as `name` in a new folder and runs the default pipeline over it.
    static func run(_ bytes: [UInt8], name: String) throws -> (manifest: [JSONValue], output: URL) {
        let dir = try TestSupport.temporaryDirectory("damaged")
        let input = dir.appendingPathComponent(name)
        try Data(bytes).write(to: input)
        let output = dir.appendingPathComponent("out")
        try TestSupport.runJob(try TestSupport.config("{}"), input: input, output: output)
        return (try TestSupport.manifest(output), output)
    }

    /// The two records, each as its own gzip member (as Common Crawl writes WET files).
    static func gzipMembers() throws -> [UInt8] {
        var bytes: [UInt8] = []
        for record in records {
            let dir = try TestSupport.temporaryDirectory("member")
            let file = dir.appendingPathComponent("m.jsonl")
            try (record + "\n").write(to: file, atomically: true, encoding: .utf8)
            try TestSupport.runShell("gzip -n '\(file.path)'")
            bytes += try Array(Data(contentsOf: dir.appendingPathComponent("m.jsonl.gz")))
        }
        return bytes
    }

    @Test func zeroPaddingAfterTheLastGzipMemberIsRead() throws {
        let (manifest, _) = try Self.run(try Self.gzipMembers() + [UInt8](repeating: 0, count: 300), name: "in.jsonl.gz")
        #expect(manifest.map { $0["id"]?.stringValue } == ["a", "b"])
    }

    @Test func aDamagedMemberHeaderFailsTheRunInsteadOfEndingTheInput() throws {
        // A third member whose magic bytes were damaged: what follows must not vanish.
        var bytes = try Self.gzipMembers()
        var third = try Self.gzipMembers()
        third[0] = 0x1E
        bytes += third
        #expect {
            _ = try Self.run(bytes, name: "in.jsonl.gz")
        } throws: { error in
            (error as? InputError)?.message.contains("bytes after the last gzip member") == true
        }
    }

    @Test func aNULByteInTheFirstRecordIsOneBadDocumentNotABinaryFile() throws {
        let first = Array(#"{"id": "a", "text": "A sentence with a "#.utf8) + [0x00] + Array(#" byte in it, long enough to keep."}"#.utf8)
        let (manifest, _) = try Self.run(first + [0x0A] + Array((Self.records[1] + "\n").utf8), name: "in.jsonl")
        #expect(manifest.count == 2)
        #expect(manifest.first?["status"]?.stringValue == "error")
        #expect(manifest.last?["status"]?.stringValue == "kept")
    }
}
