import Foundation
import Testing
@testable import CorpusCleanCore

/// Plain writes are gathered and handed to the kernel with writev: the file holds the bytes
/// in order, and the size a checkpoint records is the size on disk.
@Suite struct BufferedFileTests {
    /// More arrays than one writev takes, one larger than the batch, and empty ones.
    static func pieces() -> [[UInt8]] {
        var pieces = (0..<3000).map { Array("line \($0)\n".utf8) }
        pieces.insert([], at: 17)
        pieces.insert([UInt8](repeating: 0x61, count: 3 << 20), at: 1500)
        return pieces
    }

    @Test func writesEveryPieceInOrderAndReportsTheSizeOnDisk() throws {
        let path = try TestSupport.temporaryDirectory("bf").appendingPathComponent("out").path
        let file = try BufferedFile(path: path)
        let pieces = Self.pieces()
        for piece in pieces.prefix(2000) { try file.write(piece) }
        let checkpoint = try file.flushedSize()
        #expect(checkpoint == pieces.prefix(2000).reduce(0) { $0 + $1.count })
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == checkpoint)
        for piece in pieces.dropFirst(2000) { try file.write(piece) }
        try file.close(sync: false)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == pieces.flatMap { $0 })

        let resumed = try BufferedFile(path: path, appendingAt: checkpoint)
        #expect(try resumed.flushedSize() == checkpoint)
        for piece in pieces.dropFirst(2000) { try resumed.write(piece) }
        #expect(try resumed.flushedSize() == pieces.reduce(0) { $0 + $1.count })
        try resumed.close(sync: false)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == pieces.flatMap { $0 })
    }
}
