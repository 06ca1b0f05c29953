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
        let file = try BufferedFile(path: path, synced: false)
        let pieces = Self.pieces()
        for piece in pieces.prefix(2000) { try file.write(piece) }
        let checkpoint = try file.flushedSize()
        #expect(checkpoint == pieces.prefix(2000).reduce(0) { $0 + $1.count })
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == checkpoint)
        for piece in pieces.dropFirst(2000) { try file.write(piece) }
        try file.close()
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == pieces.flatMap { $0 })

        let resumed = try BufferedFile(path: path, appendingAt: checkpoint, synced: false)
        #expect(try resumed.flushedSize() == checkpoint)
        for piece in pieces.dropFirst(2000) { try resumed.write(piece) }
        #expect(try resumed.flushedSize() == pieces.reduce(0) { $0 + $1.count })
        try resumed.close()
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == pieces.flatMap { $0 })
    }

    /// A plain file's pages are sent to disk every 8 MiB as it grows, from where it was opened
    /// (a resumed file's old bytes are not sent again), and the bytes stay whole; a file that
    /// will not be synced (the journal) sends none.
    @Test func startsWritebackEveryFewMiBAndKeepsTheBytes() throws {
        let folder = try TestSupport.temporaryDirectory("bf-writeback")
        let path = folder.appendingPathComponent("out").path
        let piece = [UInt8](repeating: 0x62, count: 1 << 20)
        let file = try BufferedFile(path: path)
        for _ in 0..<20 { try file.write(piece) }
        #expect(file.writebackStarted == 16 << 20)
        try file.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 20 << 20)

        let resumed = try BufferedFile(path: path, appendingAt: 3 << 20)
        for _ in 0..<9 { try resumed.write(piece) }
        #expect(resumed.writebackStarted == 11 << 20)
        try resumed.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x62, count: 12 << 20))

        let unsynced = try BufferedFile(path: folder.appendingPathComponent("journal").path, synced: false)
        for _ in 0..<10 { try unsynced.write(piece) }
        #expect(unsynced.writebackStarted == 0)
        try unsynced.close()
    }
}
