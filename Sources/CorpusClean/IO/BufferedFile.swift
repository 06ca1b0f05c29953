#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written through stdio buffering; `-` writes to standard output.
public final class BufferedFile {
    private let handle: UnsafeMutablePointer<FILE>
    private let ownsHandle: Bool
    public let path: String

    public init(path: String) throws(InputError) {
        self.path = path
        if path == "-" {
            guard let h = fdopen(dup(1), "wb") else {
                throw InputError(path: path, message: "cannot write to standard output")
            }
            handle = h
            ownsHandle = false
        } else {
            guard let h = fopen(path, "wb") else {
                throw InputError(path: path, message: "cannot create: \(String(cString: strerror(errno)))")
            }
            handle = h
            ownsHandle = true
        }
    }

    public func write(_ bytes: [UInt8]) throws(InputError) {
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        if written != bytes.count { throw InputError(path: path, message: "write failed: \(String(cString: strerror(errno)))") }
    }

    public func write(_ text: String) throws(InputError) { try write(Array(text.utf8)) }

    /// Flushes and closes; with `sync`, waits until the data is on disk first (standard
    /// output is only flushed).
    public func close(sync: Bool = true) throws(InputError) {
        if fflush(handle) != 0 { throw InputError(path: path, message: "flush failed: \(String(cString: strerror(errno)))") }
        if ownsHandle && sync { fsync(fileno(handle)) }
        fclose(handle)
    }
}
