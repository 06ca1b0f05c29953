import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// `input.max_document_bytes` caps a JSONL line and a WET record as it caps a text file: a
/// longer one is an error document with its first 64 KiB kept, passed over without being held
/// in memory, and the run goes on with the next one.
@Suite struct DocumentSizeCapTests {
    static func record(_ id: String, _ text: String) -> String { #"{"id": "\#(id)", "text": "\#(text)"}"# }
    static let sentence = "A perfectly normal paragraph of text that is long enough to be kept by every stage of the pipeline."
    static let other = "Quite another paragraph, about the weather in the mountains, which changes fast in the spring."

    @Test func aJSONLLineOverTheCapIsAnErrorAndTheNextLineIsRead() throws {
        let root = try TestSupport.temporaryDirectory("cap")
        let input = root.appendingPathComponent("in.jsonl"), output = root.appendingPathComponent("out")
        let long = Self.record("long", String(repeating: "Lorem ipsum dolor sit amet. ", count: 8000))
        try [Self.record("a", Self.sentence), long, Self.record("b", Self.other)].joined(separator: "\n")
            .write(to: input, atomically: true, encoding: .utf8)
        let summary = try TestSupport.runJob(try TestSupport.config(#"{"input": {"max_document_bytes": 1000}}"#), input: input, output: output)
        let manifest = try TestSupport.manifest(output)
        #expect(manifest.map { $0["status"]?.stringValue } == ["kept", "error", "kept"])
        #expect(manifest.map { $0["id"]?.stringValue } == ["a", "\(input.path):2", "b"])
        #expect(manifest[1]["reason"]?.stringValue == "larger than max_document_bytes (\(long.utf8.count) > 1000 bytes); the first 65536 bytes are kept")
        #expect(summary.errorReasons == ["too_large": 1])
        let rejected = try TestSupport.lines(output.appendingPathComponent("rejected.jsonl"))
        #expect(rejected.first?["raw"]?.stringValue == String(long.utf8.prefix(65536)))
    }

    @Test func aLongLineIsPassedOverWithItsHeadKeptAndEveryByteHashed() throws {
        let root = try TestSupport.temporaryDirectory("cap")
        let input = root.appendingPathComponent("in.txt")
        let long = String(repeating: "0123456789", count: 300_000)
        let text = "short\r\n" + long + "\r\nafter\r\nend"
        try text.write(to: input, atomically: true, encoding: .utf8)
        let source = try LineSource(path: input.path)
        #expect(try source.nextLine(limit: 100, kept: 10).map { [String(decoding: $0.bytes, as: UTF8.self), "\($0.length)"] } == ["short", "5"])
        let cut = try #require(try source.nextLine(limit: 100, kept: 10))
        #expect(String(decoding: cut.bytes, as: UTF8.self) == "0123456789")
        #expect(cut.length == long.utf8.count)
        #expect(try source.nextLine(limit: 100, kept: 10)?.bytes == Array("after".utf8))
        #expect(try source.nextLine(limit: 100, kept: 10)?.bytes == Array("end".utf8))
        #expect(try source.nextLine(limit: 100, kept: 10) == nil)
        #expect(source.position == InputPosition(bytes: text.utf8.count, hash: Hash64.hash(text)))
    }

    @Test func aWETRecordOverTheCapIsAnErrorAndTheNextRecordIsRead() throws {
        let root = try TestSupport.temporaryDirectory("cap")
        let input = root.appendingPathComponent("in.warc.wet"), output = root.appendingPathComponent("out")
        func record(_ n: Int, _ content: String) -> String {
            "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:\(n)>\r\nContent-Length: \(content.utf8.count)\r\n\r\n\(content)\r\n\r\n"
        }
        let long = String(repeating: Self.sentence + "\n", count: 100)
        try (record(1, Self.sentence) + record(2, long) + record(3, Self.other))
            .write(to: input, atomically: true, encoding: .utf8)
        try TestSupport.runJob(try TestSupport.config(#"{"input": {"max_document_bytes": 1000}}"#), input: input, output: output)
        let manifest = try TestSupport.manifest(output)
        #expect(manifest.map { $0["id"]?.stringValue } == ["urn:uuid:1", "urn:uuid:2", "urn:uuid:3"])
        #expect(manifest.map { $0["status"]?.stringValue } == ["kept", "error", "kept"])
        #expect(manifest[1]["reason"]?.stringValue?.hasPrefix("larger than max_document_bytes (\(long.utf8.count) > 1000 bytes)") == true)
    }

    /// A 200 MB line under a 1 MiB cap: the run's peak memory stays far below the line's size.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time"), "needs /usr/bin/time"))
    func aHugeLineIsNotHeldInMemory() throws {
        let root = try TestSupport.temporaryDirectory("cap")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("in.jsonl"), config = root.appendingPathComponent("c.json")
        try #"{"input": {"max_document_bytes": 1048576}}"#.write(to: config, atomically: true, encoding: .utf8)
        #expect(FileManager.default.createFile(atPath: input.path, contents: nil))
        let handle = try FileHandle(forWritingTo: input)
        try handle.write(contentsOf: Data((Self.record("a", Self.sentence) + "\n" + #"{"id": "huge", "text": ""#).utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<200 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data(("\"}\n" + Self.record("b", Self.other) + "\n").utf8))
        try handle.close()
        let run = try TestSupport.runBinary(["run", "--config", config.path, "-i", input.path, "-o", root.appendingPathComponent("out").path])
        #expect(run.status == 3, "\(run.stderr)")
        let measured = try TestSupport.runShell("/usr/bin/time -f %M '\(TestSupport.binary.path)' run --config '\(config.path)' -i '\(input.path)' -o '\(root.appendingPathComponent("out2").path)' 2>&1 >/dev/null | tail -1")
        let kilobytes = try #require(Int(measured.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kilobytes < 150_000, "peak RSS \(kilobytes) KB for a 200 MB line")
        #expect(try TestSupport.manifest(root.appendingPathComponent("out")).map { $0["status"]?.stringValue } == ["kept", "error", "kept"])
    }
}
