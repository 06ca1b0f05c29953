import Foundation
import Testing
@testable import CorpusCleanCore

/// Lines handed out as slices of the reader's storage (`LineSource.nextLineSlice`) keep their
/// bytes while the source reads on, and `GatherWrite` writes slices as they are.
@Suite struct LineSliceTests {
    @Test func slicesHeldAcrossManyFillsKeepTheirLines() throws {
        let root = try TestSupport.temporaryDirectory("slices")
        let input = root.appendingPathComponent("in.jsonl")
        // Lines of every length up to a few kilobytes, so that many end across a 64 KiB read.
        let lines = (0..<2000).map { i in String(repeating: String(UnicodeScalar(UInt8(0x61 + i % 26))), count: (i * 37) % 3000) + "|\(i)" }
        try lines.joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
        let source = try LineSource(path: input.path)
        var held: [ArraySlice<UInt8>] = []
        while let line = try source.nextLineSlice(limit: 1 << 20) { held.append(line.bytes) }
        #expect(held.map { String(decoding: $0, as: UTF8.self) } == lines)
    }

    @Test func gatherWriteWritesSlicesOfOneArrayAndOfOthersInOrder() throws {
        let root = try TestSupport.temporaryDirectory("gather")
        let path = root.appendingPathComponent("out").path
        let chunk = Array("first line\nsecond line\nthird line\n".utf8)
        let other = Array("from another array\n".utf8)
        let slices = [chunk[0..<11], chunk[11..<23], other[...], chunk[23...], chunk[0..<0]]
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(GatherWrite.write(slices, to: descriptor) == nil)
        close(descriptor)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first line\nsecond line\nfrom another array\nthird line\n")
    }
}
