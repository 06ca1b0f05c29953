import CTextKit
import Foundation

/// Lines of a file or of standard input, gzip-compressed or not (zlib reads plain data
/// through unchanged, and reads every member of a multi-member gzip file).
public final class LineSource {
    private let file: gzFile
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes from `start` up to here hold no line feed (so a long line is scanned once).
    private var scanned = 0
    private var eof = false
    public let name: String

    public init(path: String) throws(InputError) {
        name = path == "-" ? "<stdin>" : path
        let handle: gzFile?
        if path == "-" {
            handle = gzdopen(dup(0), "rb")
        } else {
            guard FileManager.default.fileExists(atPath: path) else { throw InputError(path: path, message: "no such file") }
            handle = gzopen(path, "rb")
        }
        guard let handle else { throw InputError(path: path, message: "cannot open") }
        file = handle
        gzbuffer(file, 1 << 17)
    }

    deinit { gzclose(file) }

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
    /// Throws when the compressed stream is corrupt.
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
        let n = buffer.withUnsafeMutableBufferPointer { gzread(file, $0.baseAddress! + old, UInt32(chunk)) }
        if n < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
            throw InputError(path: name, message: "corrupt input: \(message)")
        }
        buffer.removeLast(chunk - Int(n))
        guard n == 0 else { return }
        // At the end, zlib says Z_BUF_ERROR when the input stopped inside a gzip member.
        var code: Int32 = 0
        _ = gzerror(file, &code)
        if code == Z_BUF_ERROR { throw InputError(path: name, message: "corrupt input: truncated gzip stream") }
        eof = true
    }
}
