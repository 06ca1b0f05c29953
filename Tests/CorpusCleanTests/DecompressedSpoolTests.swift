import Foundation
import Testing
@testable import CorpusCleanCore

/// The corpus pre-pass keeps a compressed input's decompressed bytes (`DecompressedSpool`) for
/// the main pass: the same lines and the same input hash as decompressing again, and nothing
/// kept when the input was not read to its end or is larger than the limit.
@Suite struct DecompressedSpoolTests {
    /// `in.jsonl` of `count` lines and `in.jsonl.gz` made from it by gzip.
    private func corpus(lines count: Int = 3000) throws -> URL {
        let dir = try TestSupport.temporaryDirectory("spool")
        let lines = (0..<count).map { #"{"id": "d\#($0)", "text": "Line \#($0) of the corpus, \#($0 * 7919 % 104729)."}"# }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("in.jsonl"), atomically: true, encoding: .utf8)
        try TestSupport.runShell("cd '\(dir.path)' && gzip -k in.jsonl")
        return dir
    }

    private func lines(of source: LineSource) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        while let line = try source.nextLine() { lines.append(line) }
        return lines
    }

    @Test func theSpoolReadsAsTheDecompressedInputWithTheSameHash() throws {
        let dir = try corpus()
        let gz = dir.appendingPathComponent("in.jsonl.gz").path
        let spool = DecompressedSpool()
        let first = try LineSource(path: gz, hash: nil, spool: spool)
        let expected = try lines(of: first)
        let input = try #require(spool.takeInput(name: gz))
        #expect(spool.takeInput(name: gz) == nil)
        let again = try LineSource(decompressed: input, of: spool, bytesTotal: first.bytesTotal, path: gz, hash: StreamingHash64())
        let direct = try LineSource(path: gz, hash: StreamingHash64())
        #expect(try lines(of: again) == expected)
        #expect(try lines(of: direct) == expected)
        #expect(again.position == direct.position)
        #expect(again.bytesTotal == first.bytesTotal)
        // Progress is told in compressed bytes, in proportion: at the end, about the file's size.
        #expect(abs(again.bytesRead - direct.bytesRead) <= 1)
        #expect(spool.count == (try Data(contentsOf: dir.appendingPathComponent("in.jsonl"))).count)
    }

    @Test func nothingIsKeptOfAPartOrPastTheLimitOrOfPlainInput() throws {
        let dir = try corpus()
        let gz = dir.appendingPathComponent("in.jsonl.gz").path
        let part = DecompressedSpool()
        let source = try LineSource(path: gz, hash: nil, spool: part)
        _ = try source.nextLine()
        #expect(part.takeInput(name: gz) == nil)
        let small = DecompressedSpool(limit: 1000)
        _ = try lines(of: try LineSource(path: gz, hash: nil, spool: small))
        #expect(small.takeInput(name: gz) == nil)
        let plain = DecompressedSpool()
        _ = try lines(of: try LineSource(path: dir.appendingPathComponent("in.jsonl").path, hash: nil, spool: plain))
        #expect(plain.takeInput(name: gz) == nil)
    }
}
