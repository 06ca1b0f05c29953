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
        try records.flatMap(gzipMember)
    }

    /// `record` and a line feed as one gzip member, with gzip's plain 10-byte header.
    static func gzipMember(_ record: String) throws -> [UInt8] {
        let dir = try TestSupport.temporaryDirectory("member")
        let file = dir.appendingPathComponent("m.jsonl")
        try (record + "\n").write(to: file, atomically: true, encoding: .utf8)
        try TestSupport.runShell("gzip -n '\(file.path)'")
        return try Array(Data(contentsOf: dir.appendingPathComponent("m.jsonl.gz")))
    }

    /// The CRC-32 of gzip (reflected, polynomial 0xEDB88320).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
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

    /// The first record as one gzip member whose header carries every optional field (extra,
    /// name, comment, header CRC), split across the decoder's reads by its length.
    static func memberWithEveryHeaderField(extra: Int, headerCRC: Bool = true) throws -> [UInt8] {
        let body = try Array(Self.gzipMember(Self.records[0]).dropFirst(10))
        var header: [UInt8] = [0x1F, 0x8B, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3, UInt8(extra & 0xFF), UInt8(extra >> 8)]
        header += [UInt8](repeating: 0x78, count: extra) + Array("name.jsonl".utf8) + [0] + Array("a comment".utf8) + [0]
        let crc = Self.crc32(header) & 0xFFFF
        header += [UInt8(crc & 0xFF), UInt8(crc >> 8)].map { headerCRC ? $0 : ~$0 }
        return header + body
    }

    @Test func aGzipHeaderWithEveryOptionalFieldIsReadWhateverItsLength() throws {
        // The file's first 16 bytes, peeked at to tell its format, come as a read of their own:
        // every one of these headers is split between two reads.
        for extra in [0, 5, 60_000] {
            let (manifest, _) = try Self.run(try Self.memberWithEveryHeaderField(extra: extra), name: "in.jsonl.gz")
            #expect(manifest.map { $0["id"]?.stringValue } == ["a"], "extra \(extra)")
        }
    }

    @Test func aGzipHeaderWithAWrongChecksumIsCorruptInput() throws {
        #expect {
            _ = try Self.run(try Self.memberWithEveryHeaderField(extra: 5, headerCRC: false), name: "in.jsonl.gz")
        } throws: { error in
            (error as? InputError)?.message.contains("gzip: incorrect header") == true
        }
    }

    @Test func aGzipMemberWithAWrongLengthInItsTrailerIsCorruptInput() throws {
        var bytes = try Self.gzipMembers()
        bytes[bytes.count - 1] ^= 1
        #expect {
            _ = try Self.run(bytes, name: "in.jsonl.gz")
        } throws: { error in
            (error as? InputError)?.message.contains("gzip: incorrect data check") == true
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
