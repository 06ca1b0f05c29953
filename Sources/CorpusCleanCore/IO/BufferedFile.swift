import CTextKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written plain, through zlib as gzip or through libzstd as zstd (one frame, level 3,
/// one thread); `-` writes to standard output. Plain bytes are not copied into a buffer: the
/// arrays and slices written are kept, and written with one writev(2) for up to
/// `pendingBytesLimit` bytes or `pendingLimit` of them. Compressed output carries no timestamp, so the same content gives
/// the same bytes.
public final class BufferedFile {
    private let handle: UnsafeMutablePointer<FILE>
    private let ownsHandle: Bool
    private var gzip: gzFile?
    private var zstd: OpaquePointer?
    /// Compressed bytes waiting for fwrite (zstd).
    private var zstdOutput: UnsafeMutableRawBufferPointer?
    public let path: String
    /// For compressed output, which goes through stdio: its own buffer is one block (4 KiB), and
    /// a write(2) per block costs the kernel more than the bytes it carries (glibc ignores a size
    /// given without a buffer). Plain output does not go through stdio and needs none.
    private let buffer: UnsafeMutablePointer<CChar>?
    private static let bufferBytes = 1 << 20
    private var closed = false
    /// Plain bytes written and not yet handed to the kernel, in order.
    private var pending: [ArraySlice<UInt8>] = []
    private var pendingBytes = 0
    private static let pendingBytesLimit = 1 << 20
    /// Buffers kept before they are written (one writev: IOV_MAX on Linux and Darwin).
    private static let pendingLimit = 1024
    /// Whether `close()` waits until the data is on disk.
    private let synced: Bool
    /// Whether the disk writes of a plain file start as it grows, not all at the closing fsync.
    private let writesBack: Bool
    /// Offset of a plain file after the bytes handed to the kernel (by the writes that did not
    /// fail), and up to which its writeback was started.
    private var handedOver = 0
    private(set) package var writebackStarted = 0
    /// Bytes handed to the kernel between two starts of writeback: a file's pages are on their
    /// way to the disk while the run goes on, and `close()` waits for the last few MiB
    /// only, not for the whole file.
    private static let writebackBytes = 8 << 20
    /// Offset up to which a plain file's blocks are allocated ahead of its writes
    /// (`preallocate`); `Int.max` once the file system refused.
    private(set) package var allocated = 0
    /// Whether an allocation ahead was tried: one the file system refused may have allocated
    /// blocks before it ran out of space, so closing frees what lies past the end either way.
    private var allocationTried = false
    /// How far ahead of the writes a plain file's blocks are allocated, at most: ext4 then
    /// neither reserves each block as a write fills it nor allocates blocks when the writeback
    /// starts (a harness of 59 MB in 1 MiB writes with writeback started every 8 MiB: 0.65x the
    /// CPU, and the closing fsync waits less).
    private static let allocationStep = 16 << 20

    /// Opens `path` for writing: truncated, or with `appendingAt` cut to that many bytes and
    /// positioned at its end (to continue an interrupted run; a file shorter than that, which a
    /// power loss can leave, is refused). A `synced` file is on disk when
    /// `close()` returns, and a plain one's pages are sent to disk every few MiB as it is
    /// written; standard output is only flushed.
    public init(path: String, compression: OutputCompression = .none, appendingAt offset: Int? = nil,
                synced: Bool = true) throws(InputError) {
        self.path = path
        self.synced = synced
        writesBack = synced && path != "-" && compression == .none
        handedOver = offset ?? 0
        writebackStarted = handedOver
        allocated = handedOver
        if path == "-" {
            guard let h = fdopen(dup(1), "wb") else {
                throw InputError(path: path, message: "cannot write to standard output")
            }
            handle = h
            ownsHandle = false
        } else {
            var info = stat()
            if let offset, stat(path, &info) == 0, Int(info.st_size) < offset {
                throw InputError(path: path, message: "the interrupted run's file holds \(info.st_size) bytes, fewer than the \(offset) its checkpoint says (lost, e.g. by a power loss), so --resume cannot continue it; run again without --resume")
            }
            if let offset, truncate(path, off_t(offset)) != 0 {
                throw InputError(path: path, message: "cannot resume: \(String(cString: strerror(errno)))")
            }
            guard let h = fopen(path, offset == nil ? "wb" : "ab") else {
                throw InputError(path: path, message: "cannot create: \(String(cString: strerror(errno)))")
            }
            if offset != nil { fseeko(h, 0, SEEK_END) }
            handle = h
            ownsHandle = true
        }
        buffer = compression == .none ? nil : .allocate(capacity: BufferedFile.bufferBytes)
        if let buffer { setvbuf(handle, buffer, _IOFBF, BufferedFile.bufferBytes) }
        switch compression {
        case .none: break
        case .gzip:
            fflush(handle)
            gzip = gzdopen(dup(fileno(handle)), "wb6")
        case .zstd:
            guard let context = ZSTD_createCCtx() else { throw InputError(path: path, message: "cannot start the zstd encoder") }
            zstd = context
            zstdOutput = .allocate(byteCount: ZSTD_CStreamOutSize(), alignment: 16)
        }
    }

    deinit {
        if let zstd { ZSTD_freeCCtx(zstd) }
        zstdOutput?.deallocate()
        // A file dropped without `close` (a failed run) is closed here, as exit would have
        // flushed it, before the buffer stdio writes from goes away.
        if !closed {
            try? writePending()
            releaseAllocatedAhead()
            fclose(handle)
        }
        buffer?.deallocate()
    }

    /// Feeds `bytes` to the zstd encoder (`ZSTD_e_end` with none: ends the frame) and writes
    /// what it gives.
    private func compressZstd(_ bytes: UnsafeRawBufferPointer, end: Bool) throws(InputError) {
        guard let zstd, let output = zstdOutput else { return }
        var input = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
        while true {
            var out = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
            let left = ZSTD_compressStream2(zstd, &out, &input, end ? ZSTD_e_end : ZSTD_e_continue)
            if ZSTD_isError(left) != 0 {
                throw InputError(path: path, message: "zstd: \(String(cString: ZSTD_getErrorName(left)))")
            }
            if out.pos > 0, fwrite(output.baseAddress, 1, out.pos, handle) != out.pos {
                throw InputError(path: path, message: "write failed: \(String(cString: strerror(errno)))")
            }
            if end ? left == 0 : input.pos == input.size { return }
        }
    }

    public func write(_ bytes: [UInt8]) throws(InputError) {
        try write(bytes[...])
    }

    /// Writes `bytes`; a plain file keeps the slice (and the array it is of) until it writes
    /// it, without a copy, in one writev with the slices before it (one vector for slices that
    /// follow each other in one array).
    package func write(_ bytes: ArraySlice<UInt8>) throws(InputError) {
        if let gzip {
            guard !bytes.isEmpty else { return }
            let written = bytes.withUnsafeBytes { gzwrite(gzip, $0.baseAddress, UInt32($0.count)) }
            if written != bytes.count { throw InputError(path: path, message: "gzip write failed") }
            return
        }
        if zstd != nil {
            try bytes.withUnsafeBytes { raw in Result { () throws(InputError) in try compressZstd(raw, end: false) } }.get()
            return
        }
        guard !bytes.isEmpty else { return }
        pending.append(bytes)
        pendingBytes += bytes.count
        if pendingBytes >= BufferedFile.pendingBytesLimit || pending.count >= BufferedFile.pendingLimit {
            try writePending()
        }
    }

    /// Hands what was written to the kernel without flushing stdio (a plain file's kept slices),
    /// so that the file holds no slice of the arrays written before.
    package func writeKept() throws(InputError) { try writePending() }

    /// Writes the pending arrays with writev, straight from their storage, and forgets them.
    private func writePending() throws(InputError) {
        guard !pending.isEmpty else { return }
        if writesBack { preallocate(upTo: handedOver + pendingBytes) }
        let failure = GatherWrite.write(pending, to: fileno(handle))
        pending.removeAll(keepingCapacity: true)
        let written = pendingBytes
        pendingBytes = 0
        if let failure { throw InputError(path: path, message: "write failed: \(failure)") }
        handedOver += written
        if writesBack, handedOver - writebackStarted >= BufferedFile.writebackBytes {
            // Advisory: a write that fails on the way to the disk fails the closing fsync.
            _ = ctk_start_writeback(fileno(handle), Int64(writebackStarted), Int64(handedOver - writebackStarted))
            writebackStarted = handedOver
        }
    }

    /// Allocates the file's blocks up to `end` bytes and as far again past them (at most
    /// `allocationStep`), without changing its size, once the file reaches 1 MiB: a small file
    /// (a summary, a commit marker) allocates nothing ahead. Where the file system cannot, the
    /// writes allocate as they go.
    private func preallocate(upTo end: Int) {
        guard end > allocated, end >= 1 << 20 else { return }
        let from = max(allocated, handedOver), to = end + min(BufferedFile.allocationStep, end)
        allocationTried = true
        allocated = ctk_preallocate(fileno(handle), Int64(from), Int64(to - from)) == 0 ? to : Int.max
    }

    /// Frees the blocks allocated past the file's end (an ftruncate to its own size does, on
    /// ext4), so that a finished file takes no more space than its bytes. The size is the
    /// file's own (fstat), not the bytes handed over: after a write that failed part-way, a
    /// longer truncate would add zero bytes to the file.
    private func releaseAllocatedAhead() {
        guard allocationTried else { return }
        allocationTried = false
        let descriptor = fileno(handle)
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        _ = ftruncate(descriptor, info.st_size)
    }

    public func write(_ text: String) throws(InputError) { try write(Array(text.utf8)) }

    /// Flushes buffered bytes to the file and returns its size.
    public func flushedSize() throws(InputError) -> Int {
        try writePending()
        if fflush(handle) != 0 { throw InputError(path: path, message: "flush failed: \(String(cString: strerror(errno)))") }
        // Not ftello: stdio keeps its own idea of the offset, which the writev calls bypass.
        return Int(lseek(fileno(handle), 0, SEEK_CUR))
    }

    /// Flushes and closes; a `synced` file waits until the data is on disk first.
    public func close() throws(InputError) {
        if let gzip {
            self.gzip = nil
            if gzclose(gzip) != Z_OK { throw InputError(path: path, message: "gzip close failed") }
        }
        if zstd != nil {
            try compressZstd(UnsafeRawBufferPointer(start: nil, count: 0), end: true)
        }
        try writePending()
        if fflush(handle) != 0 { throw InputError(path: path, message: "flush failed: \(String(cString: strerror(errno)))") }
        releaseAllocatedAhead()
        // EINVAL: a file that cannot be synced (a pipe or a device given as the output path).
        let syncFailure = ownsHandle && synced && fsync(fileno(handle)) != 0 && errno != EINVAL
            ? String(cString: strerror(errno)) : nil
        closed = true
        fclose(handle)
        if let syncFailure { throw InputError(path: path, message: "sync failed: \(syncFailure)") }
    }
}
