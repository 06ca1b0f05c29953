/// Lines of a file or of standard input: plain, gzip-compressed (every member of a
/// multi-member file) or zstd-compressed (every frame), told apart by the magic bytes whatever
/// the name. An input in another format (Parquet, zip, bzip2, xz, binary data...) is refused
/// when it is opened, before anything is read from it. A UTF-8 byte order mark at the start
/// of the (decompressed) input is skipped.
public final class LineSource {
    private let stream: any ByteStream
    private let file: FileInput
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes from `start` up to here hold no line feed (so a long line is scanned once).
    private var scanned = 0
    private var eof = false
    public let name: String

    public init(path: String) throws(InputError) {
        let file = try FileInput(path: path)
        self.file = file
        name = file.name
        let container = InputContainer(head: try file.peek(count: InputContainer.magicLength))
        switch container {
        case .plain: stream = file
        case .gzip: stream = try GzipStream(source: file)
        case .zstd: stream = try ZstdStream(source: file)
        case let .unsupported(format): throw InputContainer.refusal(path: path, format: format)
        }
        // The decompressed data must be text too (not a tar or Parquet file compressed).
        while buffer.count < InputContainer.textCheckLength && !eof { try fill() }
        switch InputContainer(head: buffer.prefix(InputContainer.textCheckLength)) {
        case .plain: break
        case let inner where container == .plain: throw InputContainer.refusal(path: path, format: inner.name)
        case let inner: throw InputContainer.refusal(path: path, format: "\(inner.name) compressed with \(container.name)")
        }
        // A UTF-8 byte order mark (as some Windows tools write) is not part of the first line.
        if buffer.starts(with: LineSource.byteOrderMark) {
            start = LineSource.byteOrderMark.count
            scanned = start
        }
    }

    /// Bytes of the file read so far (compressed bytes for compressed input).
    public var bytesRead: Int { file.consumed }

    /// The file's size, when it is a regular file.
    public var bytesTotal: Int? { file.size }

    /// The UTF-8 byte order mark, skipped at the start of the input (only there).
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The next `count` bytes (fewer at the end of the input).
    public func read(count: Int) throws(InputError) -> [UInt8] {
        while buffer.count - start < count && !eof { try fill() }
        let end = min(buffer.count, start + count)
        let bytes = Array(buffer[start..<end])
        start = end
        scanned = start
        return bytes
    }

    /// The next line without its line feed (and without a CR before it), or nil at the end.
    /// Throws when the compressed stream is corrupt or truncated.
    public func nextLine() throws(InputError) -> [UInt8]? {
        while true {
            if let newline = buffer[max(start, scanned)...].firstIndex(of: 0x0A) {
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                return line
            }
            scanned = buffer.count
            if eof {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            try fill()
        }
    }

    /// Reads the next chunk of the input into the buffer.
    private func fill() throws(InputError) {
        if start > 0 {
            buffer.removeFirst(start)
            scanned = max(0, scanned - start)
            start = 0
        }
        let chunk = 1 << 16
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        let read = buffer.withUnsafeMutableBytes { bytes in
            Result { () throws(InputError) in try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[old...])) }
        }
        let n = try read.get()
        buffer.removeLast(chunk - n)
        if n == 0 { eof = true }
    }
}
