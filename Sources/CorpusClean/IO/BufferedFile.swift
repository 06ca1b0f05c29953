import CTextKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written through stdio buffering, or through zlib as gzip; `-` writes to standard
/// output. Gzip output carries no timestamp, so the same content gives the same bytes.
public final class BufferedFile {
    private let handle: UnsafeMutablePointer<FILE>
    private let ownsHandle: Bool
    private var gzip: gzFile?
    public let path: String

    /// Opens `path` for writing: truncated, or with `appendingAt` cut to that many bytes and
    /// positioned at its end (to continue an interrupted run).
    public init(path: String, gzip compress: Bool = false, appendingAt offset: Int? = nil) throws(InputError) {
        self.path = path
        if path == "-" {
            guard let h = fdopen(dup(1), "wb") else {
                throw InputError(path: path, message: "cannot write to standard output")
            }
            handle = h
            ownsHandle = false
        } else {
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
        if compress {
            fflush(handle)
            gzip = gzdopen(dup(fileno(handle)), "wb6")
        }
    }

    public func write(_ bytes: [UInt8]) throws(InputError) {
        if let gzip {
            guard !bytes.isEmpty else { return }
            let written = bytes.withUnsafeBytes { gzwrite(gzip, $0.baseAddress, UInt32($0.count)) }
            if written != bytes.count { throw InputError(path: path, message: "gzip write failed") }
            return
        }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        if written != bytes.count { throw InputError(path: path, message: "write failed: \(String(cString: strerror(errno)))") }
    }

    public func write(_ text: String) throws(InputError) { try write(Array(text.utf8)) }

    /// Flushes buffered bytes to the file and returns its size.
    public func flushedSize() throws(InputError) -> Int {
        if fflush(handle) != 0 { throw InputError(path: path, message: "flush failed: \(String(cString: strerror(errno)))") }
        return Int(ftello(handle))
    }

    /// Flushes and closes; with `sync`, waits until the data is on disk first (standard
    /// output is only flushed).
    public func close(sync: Bool = true) throws(InputError) {
        if let gzip {
            self.gzip = nil
            if gzclose(gzip) != Z_OK { throw InputError(path: path, message: "gzip close failed") }
        }
        if fflush(handle) != 0 { throw InputError(path: path, message: "flush failed: \(String(cString: strerror(errno)))") }
        if ownsHandle && sync { fsync(fileno(handle)) }
        fclose(handle)
    }
}
