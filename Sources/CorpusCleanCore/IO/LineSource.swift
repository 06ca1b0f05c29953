#if canImport(Glibc)
import Glibc
#endif

/// Lines of a file or of standard input: plain, gzip-compressed (every member of a
/// multi-member file) or zstd-compressed (every frame), told apart by the magic bytes whatever
/// the name. An input in another format (Parquet, zip, bzip2, xz, binary data...) is refused
/// when it is opened, before anything is read from it. A UTF-8 byte order mark at the start
/// of the (decompressed) input is skipped.
public final class LineSource {
    private let stream: any ByteStream
    private let file: FileInput
    /// Storage; the bytes read and not yet consumed are `buffer[start..<filled]`.
    private var buffer: [UInt8] = []
    private var filled = 0
    private var start = 0
    /// Bytes from `start` up to here hold no line feed (so a long line is scanned once).
    private var scanned = 0
    private var eof = false
    public let name: String

    public convenience init(path: String) throws(InputError) {
        try self.init(path: path, hash: StreamingHash64())
    }

    /// Opens `path`, hashing what is consumed into `hash` (see `position`; nil: not hashed).
    /// When the input is compressed, its decompressed bytes are also kept in `spool`.
    convenience init(path: String, hash: StreamingHash64?, spool: DecompressedSpool? = nil) throws(InputError) {
        try self.init(file: try FileInput(path: path), path: path, hash: hash, spool: spool)
    }

    /// Reads the decompressed input `spool` kept (`takeInput`) as the compressed input it came
    /// from: its progress (`bytesRead`, `bytesTotal`) is told in compressed bytes, in proportion.
    convenience init(decompressed file: FileInput, of spool: DecompressedSpool, bytesTotal: Int?, path: String,
                     hash: StreamingHash64) throws(InputError) {
        try self.init(file: file, path: path, hash: hash, spool: nil)
        compressedScale = (Double(spool.compressedCount ?? 0) / Double(max(1, spool.count)), bytesTotal)
    }

    private init(file: FileInput, path: String, hash: StreamingHash64?, spool: DecompressedSpool?) throws(InputError) {
        self.hash = hash
        self.file = file
        name = file.name
        let container = InputContainer(head: try file.peek(count: InputContainer.magicLength))
        switch container {
        case .plain: stream = file
        // Decompression runs ahead on a thread of its own, beside the thread that splits lines.
        case .gzip: stream = ReadAheadStream(try GzipStream(source: file))
        case .zstd: stream = ReadAheadStream(try ZstdStream(source: file))
        case let .unsupported(format): throw InputContainer.refusal(path: path, format: format)
        }
        self.spool = container == .plain ? nil : spool
        // The decompressed data must be text too (not a tar or Parquet file compressed).
        while filled < InputContainer.textCheckLength && !eof { try fill() }
        switch InputContainer(head: buffer[..<min(filled, InputContainer.textCheckLength)]) {
        case .plain: break
        case let inner where container == .plain: throw InputContainer.refusal(path: path, format: inner.name)
        case let inner: throw InputContainer.refusal(path: path, format: "\(inner.name) compressed with \(container.name)")
        }
        // A UTF-8 byte order mark (as some Windows tools write) is not part of the first line.
        if buffer[..<filled].starts(with: LineSource.byteOrderMark) { consume(to: LineSource.byteOrderMark.count) }
        linesStart = start
    }

    /// Where the first line starts in the file: after a byte order mark.
    private var linesStart = 0

    /// The file this source reads when it is a plain regular file (not compressed, not a pipe),
    /// where its lines start and its size when it was opened, for a reader of its blocks at
    /// given offsets (`FileInput.read(into:at:)`); nil otherwise.
    var plainFile: (file: FileInput, start: Int, size: Int)? {
        guard stream is FileInput, file.name != "<stdin>", let size = file.size else { return nil }
        return (file, linesStart, size)
    }

    /// Bytes of the file read so far (compressed bytes for compressed input).
    public var bytesRead: Int { compressedScale.map { Int(Double(stream.consumed) * $0.ratio) } ?? stream.consumed }

    /// The file's size, when it is a regular file.
    public var bytesTotal: Int? { compressedScale.map(\.total) ?? file.size }

    /// Reading a spool of decompressed bytes: compressed bytes per decompressed byte, and the
    /// compressed input's size.
    private var compressedScale: (ratio: Double, total: Int?)?
    /// Where the decompressed bytes of a compressed input are kept as they are read.
    private let spool: DecompressedSpool?

    /// The UTF-8 byte order mark, skipped at the start of the input (only there).
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The input consumed so far (lines and bytes returned or passed over, with their line
    /// feeds and a skipped byte order mark): its length and XXH64. With a `hash` shared by the
    /// readers of several shards, what was hashed before this source counts too.
    public var position: InputPosition { hash?.position ?? InputPosition(bytes: 0, hash: 0) }
    private let hash: StreamingHash64?

    /// Moves the start of the unread bytes to `end`, hashing what is passed over.
    private func consume(to end: Int) {
        guard end > start else { return }
        if let hash { buffer.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[start..<end])) } }
        start = end
        scanned = max(scanned, start)
    }

    /// A copy of `buffer[from..<to]`.
    private func bytes(_ from: Int, _ to: Int) -> [UInt8] {
        guard to > from else { return [] }
        // Not Array(unsafeUninitializedCapacity:), whose allocation looks up the storage's
        // type at run time: copying a buffer is specialized.
        return buffer.withUnsafeBufferPointer { [UInt8](UnsafeBufferPointer(rebasing: $0[from..<to])) }
    }

    /// The index of the first line feed in `buffer[from..<filled]`, if any.
    private func lineFeed(from: Int) -> Int? {
        guard from < filled else { return nil }
        return buffer.withUnsafeBytes { raw in
            memchr(raw.baseAddress! + from, 0x0A, filled - from).map { $0 - UnsafeMutableRawPointer(mutating: raw.baseAddress!) }
        }
    }

    /// The next `count` bytes (fewer at the end of the input).
    public func read(count: Int) throws(InputError) -> [UInt8] {
        while filled - start < count && !eof { try fill() }
        let end = min(filled, start + count)
        let read = bytes(start, end)
        consume(to: end)
        return read
    }

    /// Passes over the next `count` bytes without holding them (fewer at the end of the
    /// input); returns how many there were.
    public func skip(count: Int) throws(InputError) -> Int {
        var left = count
        while left > 0 {
            if start == filled {
                if eof { break }
                try fill()
                continue
            }
            let n = min(left, filled - start)
            consume(to: start + n)
            left -= n
        }
        return count - left
    }

    /// The next line without its line feed (and without a CR before it), or nil at the end.
    /// Throws when the compressed stream is corrupt or truncated.
    public func nextLine() throws(InputError) -> [UInt8]? {
        try withNextLine { Array($0) }
    }

    /// The next line as `nextLine()` gives it, lent to `body` without a copy (the slice must
    /// not outlive the call); nil at the end.
    public func withNextLine<R>(_ body: (ArraySlice<UInt8>) -> R) throws(InputError) -> R? {
        while true {
            if let newline = lineFeed(from: max(start, scanned)) {
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let result = body(buffer[start..<end])
                consume(to: newline + 1)
                return result
            }
            scanned = filled
            if eof {
                guard start < filled else { return nil }
                let result = body(buffer[start..<filled])
                consume(to: filled)
                return result
            }
            try fill()
        }
    }

    /// The next line as `nextLine()` gives it, unless it is longer than `limit` bytes: then
    /// only its first `kept` bytes are held, the rest is passed over as it is read (never in
    /// memory at once), and `length` says how long the line was.
    public func nextLine(limit: Int, kept: Int = 0) throws(InputError) -> (bytes: [UInt8], length: Int)? {
        try nextLineSlice(limit: limit, kept: kept).map { (Array($0.bytes), $0.length) }
    }

    /// The next line as `nextLine(limit:kept:)` gives it, as a slice of the storage it was read
    /// into: no copy is made, and the storage is not written again while a slice holds it
    /// (`fill` reads on into new storage), so a reader hands lines to other threads as they are.
    package func nextLineSlice(limit: Int, kept: Int = 0) throws(InputError) -> (bytes: ArraySlice<UInt8>, length: Int)? {
        var over = false
        var head: [UInt8] = []
        var length = 0
        func pass(to end: Int) {
            if head.count < kept { head += bytes(start, min(end, start + kept - head.count)) }
            length += end - start
            consume(to: end)
        }
        while true {
            if let newline = lineFeed(from: max(start, scanned)) {
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                if !over && end - start <= limit {
                    let line = buffer[start..<end]
                    consume(to: newline + 1)
                    return (line, line.count)
                }
                pass(to: end)
                consume(to: newline + 1)
                return (head[...], length)
            }
            scanned = filled
            if !over && filled - start > limit { over = true }
            if over {
                // A CR at the end of the buffer may come before the line feed: left for later.
                pass(to: filled > start && buffer[filled - 1] == 0x0D && !eof ? filled - 1 : filled)
            }
            if eof {
                if over { return (head[...], length) }
                guard start < filled else { return nil }
                let line = buffer[start..<filled]
                consume(to: filled)
                return (line, line.count)
            }
            try fill()
        }
    }

    /// Reads the next chunk of the input into the buffer (growing it only for a line longer
    /// than it). Once lines were taken from the buffer (slices of it may be held elsewhere,
    /// see `nextLineSlice`), what is left of it is moved to the front of new storage instead.
    private func fill() throws(InputError) {
        let chunk = 1 << 16
        if start > 0 {
            let left = filled - start
            let old = buffer
            // Not a copy of the whole buffer, which writing into it while a slice holds it makes.
            buffer = [UInt8](unsafeUninitializedCapacity: left + chunk) { storage, count in
                old.withUnsafeBufferPointer { from in
                    if left > 0 { storage.baseAddress!.update(from: from.baseAddress! + start, count: left) }
                }
                count = storage.count
            }
            filled = left
            scanned = max(0, scanned - start)
            start = 0
        }
        if buffer.count - filled < chunk { buffer += [UInt8](repeating: 0, count: max(chunk, buffer.count)) }
        let read = buffer.withUnsafeMutableBytes { bytes in
            Result { () throws(InputError) in try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[filled..<(filled + chunk)])) }
        }
        let n = try read.get()
        if let spool {
            if n == 0 {
                spool.finish(compressedCount: stream.consumed)
            } else {
                buffer.withUnsafeBytes { spool.append(UnsafeRawBufferPointer(rebasing: $0[filled..<(filled + n)])) }
            }
        }
        filled += n
        if n == 0 { eof = true }
    }
}
