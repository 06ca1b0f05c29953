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
        #expect(unsynced.allocated == 0)
        try unsynced.close()
    }

    /// A synced plain file's blocks are allocated ahead of its writes once it holds 1 MiB, as far
    /// again as it holds and at most 16 MiB (where the file system cannot, not at all), and what
    /// lies past its end is freed when it closes: the bytes are whole, and it takes no more space
    /// than they need. A small file allocates nothing ahead.
    @Test func allocatesAheadOfTheWritesAndFreesTheRestOnClose() throws {
        let folder = try TestSupport.temporaryDirectory("bf-allocate")
        let path = folder.appendingPathComponent("out").path
        let piece = [UInt8](repeating: 0x63, count: (1 << 20) + 7)
        let small = try BufferedFile(path: folder.appendingPathComponent("small").path)
        try small.write([UInt8](repeating: 0x64, count: 1000))
        try small.writeKept()
        #expect(small.allocated == 0)
        try small.close()

        let file = try BufferedFile(path: path)
        try file.write(piece)
        try file.writeKept()
        let supported = file.allocated != Int.max
        if supported { #expect(file.allocated == 2 * piece.count) }
        for _ in 0..<24 { try file.write(piece) }
        try file.writeKept()
        if supported { #expect(file.allocated >= 25 * piece.count && file.allocated <= 25 * piece.count + (16 << 20)) }
        try file.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x63, count: 25 * piece.count))
        #expect(try Self.bytesOnDisk(path) < 25 * piece.count + (64 << 10))

        let resumed = try BufferedFile(path: path, appendingAt: 3 * piece.count)
        for _ in 0..<2 { try resumed.write(piece) }
        try resumed.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x63, count: 5 * piece.count))
        #expect(try Self.bytesOnDisk(path) < 5 * piece.count + (64 << 10))
    }

    #if os(Linux)
    /// A write the kernel refuses (as a full or failing disk would) after the file allocated
    /// blocks ahead: the file keeps the bytes written before it, with no zero bytes in place of
    /// the lost ones, whether it is closed after the failure or the failure is at the close (and
    /// the file is dropped), and the blocks past its end are freed either way.
    @Test(arguments: [false, true])
    func aFailedWriteAddsNoZeroBytes(failingAtClose: Bool) throws {
        let memory = try #require(SealableMemoryFile())
        let piece = [UInt8](repeating: 0x65, count: 2 << 20)
        do {
            let file = try BufferedFile(path: memory.path)
            try file.write(piece)
            try file.writeKept()
            #expect(file.allocated == 2 * piece.count)
            #expect(memory.sizes().allocated >= 2 * piece.count)
            #expect(memory.seal(SealableMemoryFile.sealWrite))
            // Less than a batch: kept until the close writes it.
            try file.write(piece[..<(1 << 19)])
            if failingAtClose {
                #expect(throws: InputError.self) { try file.close() }
            } else {
                #expect(throws: InputError.self) { try file.writeKept() }
                try file.close()
            }
        }
        #expect(memory.sizes().size == piece.count)
        #expect(memory.sizes().allocated < piece.count + (64 << 10))
        // Compared by the first byte that differs: a failing `==` of arrays of MiBs would diff them.
        #expect(memory.contents().firstIndex { $0 != 0x65 } == nil)
    }

    /// An allocation ahead the kernel refuses (the file may grow no more, as on a full disk, where
    /// one can stop part-way) after an earlier one succeeded: the file still frees the blocks
    /// past its end when it closes.
    @Test func aRefusedAllocationStillFreesTheBlocksPastTheEnd() throws {
        let memory = try #require(SealableMemoryFile())
        let piece = [UInt8](repeating: 0x66, count: (1 << 20) + 7)
        let file = try BufferedFile(path: memory.path)
        try file.write(piece)
        try file.writeKept()
        #expect(file.allocated == 2 * piece.count)
        #expect(memory.seal(SealableMemoryFile.sealGrow))
        // A whole batch: written at once, after the allocation up to 3 pieces is refused.
        #expect(throws: InputError.self) { try file.write(piece + piece) }
        #expect(file.allocated == Int.max)
        try file.close()
        #expect(memory.sizes().size == piece.count)
        #expect(memory.sizes().allocated < piece.count + (64 << 10))
        #expect(memory.contents().firstIndex { $0 != 0x66 } == nil)
    }
    #endif

    /// The bytes of the blocks allocated to the file at `path`.
    static func bytesOnDisk(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw CocoaError(.fileReadUnknown) }
        return Int(info.st_blocks) * 512
    }
}
