import Foundation
import Synchronization
import Testing
@testable import CorpusCleanCore

/// A decompressing stream read ahead on a thread of its own (`ReadAheadStream`) gives the same
/// bytes, end and error, in the same order, as the stream it wraps, and stops reading when it
/// is dropped.
@Suite struct ReadAheadStreamTests {
    /// Bytes 0, 1, 2... (mod 251) in reads of uneven sizes, then the end or an error.
    final class CountingStream: ByteStream, @unchecked Sendable {
        let total: Int?
        let failAfter: Int?
        /// Bytes the read that finds the end consumes (as gzip's padding after the last member).
        let trailer: Int
        private let position = Atomic<Int>(0)
        private let reads = Atomic<Int>(0)
        private let trailing = Atomic<Int>(0)

        init(total: Int?, failAfter: Int? = nil, trailer: Int = 0) {
            self.total = total
            self.failAfter = failAfter
            self.trailer = trailer
        }

        var consumed: Int { position.load(ordering: .relaxed) + trailing.load(ordering: .relaxed) }
        var readCount: Int { reads.load(ordering: .relaxed) }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
            let at = position.load(ordering: .relaxed)
            let call = reads.add(1, ordering: .relaxed).newValue
            if let failAfter, at >= failAfter { throw InputError(path: "counting", message: "corrupt input: at \(at)") }
            let limit = [total, failAfter].compactMap { $0 }.min().map { $0 - at } ?? Int.max
            let n = min(buffer.count, 1 + (call * 7919) % 5000, limit)
            if n == 0 { trailing.store(trailer, ordering: .relaxed) }
            for i in 0..<n { buffer[i] = UInt8((at + i) % 251) }
            position.store(at + n, ordering: .relaxed)
            return n
        }
    }

    /// Everything `stream` gives in reads of `chunk` bytes, and the error it ends with.
    private func drain(_ stream: ByteStream, chunk: Int) -> (bytes: [UInt8], error: InputError?) {
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)
        defer { buffer.deallocate() }
        do throws(InputError) {
            while true {
                let n = try stream.read(into: buffer)
                if n == 0 { break }
                bytes += buffer[..<n]
            }
        } catch {
            return (bytes, error)
        }
        return (bytes, nil)
    }

    @Test(arguments: [(blockSize: 4096, chunk: 1000), (blockSize: 1000, chunk: 4096), (blockSize: 1 << 16, chunk: 1 << 16)])
    func theSameBytesAndEndAsTheWrappedStream(blockSize: Int, chunk: Int) {
        let ahead = ReadAheadStream(CountingStream(total: 300_000), blockSize: blockSize, depth: 3)
        let read = drain(ahead, chunk: chunk)
        #expect(read.error == nil)
        #expect(read.bytes == drain(CountingStream(total: 300_000), chunk: chunk).bytes)
        #expect(read.bytes.count == 300_000)
        #expect(ahead.consumed == 300_000)
        #expect(drain(ahead, chunk: chunk).bytes.isEmpty)
    }

    /// What the wrapped stream's last read consumed counts, also when the last block is empty
    /// (the input a multiple of the block size).
    @Test(arguments: [0, 4096, 3 * 4096])
    func consumedCountsTheLastRead(total: Int) {
        let ahead = ReadAheadStream(CountingStream(total: total, trailer: 17), blockSize: 4096, depth: 2)
        #expect(drain(ahead, chunk: 1000).bytes.count == total)
        #expect(ahead.consumed == total + 17)
    }

    @Test func theErrorComesAfterTheBytesBeforeIt() {
        let read = drain(ReadAheadStream(CountingStream(total: nil, failAfter: 123_457), blockSize: 10_000, depth: 2), chunk: 3000)
        #expect(read.bytes == drain(CountingStream(total: 123_457), chunk: 3000).bytes)
        #expect(read.error?.message == "corrupt input: at 123457")
    }

    @Test func droppedUnreadItStopsReading() throws {
        let endless = CountingStream(total: nil)
        var ahead: ReadAheadStream? = ReadAheadStream(endless, blockSize: 1000, depth: 2)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 10, alignment: 1)
        defer { buffer.deallocate() }
        #expect(try ahead!.read(into: buffer) == 10)
        // Dropping it waits for the reading ahead to end: nothing reads after.
        ahead = nil
        let reads = endless.readCount
        #expect(endless.consumed <= 3 * 1000)
        _ = try endless.read(into: buffer)
        #expect(endless.readCount == reads + 1)
    }
}
