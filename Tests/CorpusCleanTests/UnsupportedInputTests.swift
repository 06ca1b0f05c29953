import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Inputs in a format the readers cannot read are refused when opened, by their magic bytes:
/// exit 2 with the file and the formats that are read, and nothing written.
@Suite struct UnsupportedInputTests {
    /// The InputError of opening `bytes` as the input file `name`, nil when it opens.
    private func refusal(_ name: String, _ bytes: [UInt8]) throws -> InputError? {
        let dir = try TestSupport.temporaryDirectory("unsupported")
        let input = dir.appendingPathComponent(name)
        try Data(bytes).write(to: input)
        return refusal(input)
    }

    private func refusal(_ input: URL) -> InputError? {
        let job = RunJob(config: PipelineConfig.defaults(), inputPath: input.path,
                         outputDirectory: input.deletingLastPathComponent().appendingPathComponent("out").path, logger: TestSupport.logger)
        do {
            _ = try job.makeReader()
            return nil
        } catch {
            return error
        }
    }

    @Test func aParquetFileStopsTheRunBeforeAnyWork() throws {
        let dir = try TestSupport.temporaryDirectory("parquet")
        let input = dir.appendingPathComponent("shard-0001.parquet")
        try Data(Array("PAR1".utf8) + [0x15, 0x04, 0x15, 0x9C, 0x01] + Array("junk junk junk".utf8) + Array("PAR1".utf8)).write(to: input)
        let result = try TestSupport.runBinary(["run", "--input", input.path, "--output", "out", "--log-format", "text"], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(input.path): unsupported input format: Parquet"), "\(result.stderr)")
        for format in ["JSONL", ".jsonl.gz", ".json.gz", ".jsonl.zst", "WET/WARC", "directory of text files"] {
            #expect(result.stderr.contains(format), "the message names \(format)")
        }
        let written = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)) ?? []
        #expect(written.isEmpty, "nothing written: \(written)")
    }

    @Test func otherContainersAreNamed() throws {
        let junk = Array("some junk that follows the magic bytes".utf8)
        let cases: [(name: String, bytes: [UInt8], format: String)] = [
            ("a.zip", [0x50, 0x4B, 0x03, 0x04] + junk, "zip"),
            ("a.jsonl.bz2", Array("BZh9".utf8) + [0x31, 0x41, 0x59, 0x26, 0x53, 0x59] + junk, "bzip2"),
            ("a.jsonl.xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00] + junk, "xz"),
            ("a.7z", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C] + junk, "7z"),
            ("named.jsonl", Array("PAR1".utf8) + junk, "Parquet"),
            ("a.bin", Array("not text".utf8) + [0x00, 0x01, 0x02] + junk, "binary data"),
            ("utf16.jsonl", [0xFF, 0xFE, 0x7B, 0x00, 0x22, 0x00], "UTF-16"),
        ]
        for c in cases {
            let error = try refusal(c.name, c.bytes)
            #expect(error?.unsupportedFormat == true, "\(c.name)")
            #expect(error?.message.hasPrefix("unsupported input format: \(c.format)") == true, "\(c.name): \(String(describing: error))")
        }
        #expect(try refusal("plain.jsonl", Array(#"{"id": "a", "text": "Plain text."}"#.utf8) + [0x0A]) == nil)
    }

    @Test func aBinaryFileInsideGzipIsRefusedToo() throws {
        let dir = try TestSupport.temporaryDirectory("tar")
        try #"{"id": "a", "text": "Plain text."}"#.write(to: dir.appendingPathComponent("in.jsonl"), atomically: true, encoding: .utf8)
        try TestSupport.runShell("cd '\(dir.path)' && tar czf in.tar.gz in.jsonl && printf 'PAR1junk' | gzip > in.parquet.gz && printf 'PAR1junk' | zstd -q > in.parquet.zst")
        #expect(refusal(dir.appendingPathComponent("in.tar.gz"))?.message.hasPrefix("unsupported input format: binary data (a NUL byte in the first line) compressed with gzip") == true)
        #expect(refusal(dir.appendingPathComponent("in.parquet.gz"))?.message.hasPrefix("unsupported input format: Parquet compressed with gzip") == true)
        #expect(refusal(dir.appendingPathComponent("in.parquet.zst"))?.message.hasPrefix("unsupported input format: Parquet compressed with zstd") == true)
    }
}
