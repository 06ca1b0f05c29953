import Dispatch
import Synchronization

/// The blocks a `ReadAheadStream` passes from the thread that fills them to its reader. Once
/// made, the wrapped stream is used only by `produce()`; a block passes between the two threads
/// through `ready` (under its lock) and the semaphores.
final class ReadAheadBlocks: @unchecked Sendable {
    /// A filled buffer; its memory belongs to the thread that holds the block.
    struct Block: @unchecked Sendable {
        let index: Int
        let buffer: UnsafeMutableRawBufferPointer
        var count = 0
        /// The wrapped stream ended (0 read) or failed after these bytes.
        var end = false
        var error: InputError?
        /// The wrapped stream's `consumed` once the block was read.
        var consumed = 0
    }

    /// Bytes of the first block read ahead; each next one is twice as large, up to the block size.
    static let firstBlock = 1 << 16
    private let inner: any ByteStream
    /// Blocks free to be filled.
    private let free: DispatchSemaphore
    /// Blocks filled and waiting in `ready`.
    private let filled = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let ready = Mutex<[Block]>([])
    /// Indices of the buffers free to be filled.
    private let spare: Mutex<[Int]>
    private let cancelled = Atomic<Bool>(false)
    private let buffers: [UnsafeMutableRawBufferPointer]

    init(_ inner: any ByteStream, blockSize: Int, depth: Int) {
        self.inner = inner
        buffers = (0..<max(1, depth)).map { _ in .allocate(byteCount: blockSize, alignment: 64) }
        spare = Mutex(Array(buffers.indices))
        // Made at 0 and raised: Dispatch refuses to free a semaphore below its starting value.
        free = DispatchSemaphore(value: 0)
        for _ in buffers { free.signal() }
    }

    deinit { for buffer in buffers { buffer.deallocate() } }

    /// Fills blocks until the wrapped stream ends or fails, or `cancel()` is called.
    func produce() {
        defer { finished.signal() }
        // The first blocks are small, so that the reader's first bytes (the format check of an
        // input opened only to be checked) wait for little; then the blocks are filled whole,
        // so that the reader takes few of them.
        var target = Self.firstBlock
        while true {
            free.wait()
            guard !cancelled.load(ordering: .relaxed), let index = spare.withLock({ $0.popLast() }) else { return }
            let buffer = buffers[index]
            var block = Block(index: index, buffer: buffer)
            let size = min(target, buffer.count)
            target = min(2 * target, buffer.count)
            while block.count < size, !block.end, !cancelled.load(ordering: .relaxed) {
                do throws(InputError) {
                    let n = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[block.count..<size]))
                    block.count += n
                    block.end = n == 0
                } catch {
                    block.error = error
                    block.end = true
                }
            }
            block.consumed = inner.consumed
            ready.withLock { $0.append(block) }
            filled.signal()
            if block.end { return }
        }
    }

    /// The next filled block, waiting for it.
    func take() -> Block? {
        filled.wait()
        return ready.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    /// Gives a block handed out back to be filled again.
    func recycle(_ block: Block) {
        spare.withLock { $0.append(block.index) }
        free.signal()
    }

    /// Stops `produce()` after the wrapped stream's read under way and waits for it to return.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        free.signal()
        finished.wait()
    }
}
