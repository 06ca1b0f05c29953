import Dispatch
import Synchronization

/// Reads a decompressing stream ahead of its reader, in one long-lived block on a Dispatch
/// queue of its own: the next blocks are inflated while the reading thread splits and hands out
/// the ones before. At most `depth` blocks of `blockSize` bytes are read ahead. The bytes, the
/// end and an error come out in the order the wrapped stream gave them.
final class ReadAheadStream: ByteStream {
    private let blocks: ReadAheadBlocks
    /// The block being handed out, and how much of it has been.
    private var current: ReadAheadBlocks.Block?
    private var offset = 0
    private var ended = false
    private(set) var consumed = 0

    init(_ inner: any ByteStream, blockSize: Int = 1 << 20, depth: Int = 3) {
        blocks = ReadAheadBlocks(inner, blockSize: blockSize, depth: depth)
        let blocks = self.blocks
        DispatchQueue(label: "corpusclean.read-ahead").async { blocks.produce() }
    }

    /// Stops the reading ahead and waits for it to end.
    deinit { blocks.cancel() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while !ended {
            guard let block = current ?? blocks.take() else { break }
            if current == nil {
                current = block
                offset = 0
            }
            if offset < block.count {
                let n = min(buffer.count, block.count - offset)
                buffer.baseAddress!.copyMemory(from: block.buffer.baseAddress! + offset, byteCount: n)
                offset += n
                if offset == block.count { consumed = block.consumed }
                return n
            }
            if block.end {
                // The wrapped stream's last read (returning 0) may consume more: padding after
                // the last gzip member, a zstd frame's end.
                consumed = block.consumed
                ended = true
                if let error = block.error { throw error }
                break
            }
            blocks.recycle(block)
            current = nil
        }
        return 0
    }
}
