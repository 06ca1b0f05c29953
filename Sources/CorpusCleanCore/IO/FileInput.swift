import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The raw bytes of a file, or of standard input for `-`. `peek` reads the first bytes ahead
/// (the format is told by them) and `read` returns them again before the rest.
final class FileInput: ByteStream {
    /// The path for messages (`<stdin>` for standard input).
    let name: String
    private let descriptor: Int32
    private var peeked: [UInt8] = []
    private var peekedStart = 0
    /// Bytes read from the file so far (progress).
    private(set) var consumed = 0
    /// The file's size when it is a regular file (not a pipe), for progress.
    let size: Int?

    convenience init(path: String) throws(InputError) {
        if path != "-" && !FileManager.default.fileExists(atPath: path) { throw InputError(path: path, message: "no such file") }
        let descriptor = path == "-" ? dup(0) : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputError(path: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        self.init(descriptor: descriptor, name: path == "-" ? "<stdin>" : path)
    }

    /// Reads the open file `descriptor` (which it closes when it goes away) from where it stands;
    /// `name` is the path for messages.
    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        var info = stat()
        size = fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : nil
    }

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes at `offset` of the file, without moving where `read`
    /// reads on (a regular file): how many, 0 at its end, -1 on an error.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        while true {
            let n = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 || errno != EINTR { return n }
        }
    }

    /// The first `count` bytes (fewer when the input is shorter), left to be read again.
    func peek(count: Int) throws(InputError) -> [UInt8] {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
        defer { chunk.deallocate() }
        while peeked.count < count {
            let n = try readDescriptor(into: UnsafeMutableRawBufferPointer(rebasing: chunk[..<(count - peeked.count)]))
            guard n > 0 else { break }
            peeked += chunk[..<n]
        }
        return Array(peeked.prefix(count))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard peekedStart == peeked.count else {
            let n = min(buffer.count, peeked.count - peekedStart)
            peeked.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + peekedStart, byteCount: n) }
            peekedStart += n
            return n
        }
        return try readDescriptor(into: buffer)
    }

    private func readDescriptor(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while true {
            let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 {
                consumed += n
                return n
            }
            guard errno == EINTR else { throw InputError(path: name, message: "read error: \(String(cString: strerror(errno)))") }
        }
    }
}
