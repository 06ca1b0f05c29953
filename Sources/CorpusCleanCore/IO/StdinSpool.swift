import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard input copied whole to a temporary file in `$TMPDIR` (else /tmp), so that a run
/// with a corpus pre-pass can read it twice like a file. The bytes are copied as they come
/// (gzip and zstd stay compressed); the file is deleted when the spool goes away.
final class StdinSpool {
    /// The temporary file.
    let path: String

    /// Copies all of standard input. Fails (nothing left behind) when the temporary file cannot
    /// be created or written, e.g. when `$TMPDIR` is missing or full.
    init() throws(InputError) {
        guard let file = TemporaryFile(prefix: "corpusclean-stdin-") else {
            throw InputError(path: "<stdin>", message: "cannot create a temporary file in \(TemporaryFile.directory) to hold standard input for the corpus pre-pass: \(String(cString: strerror(errno)))")
        }
        let descriptor = file.descriptor
        path = file.path
        defer { close(descriptor) }
        do throws(InputError) {
            try StdinSpool.copy(from: 0, to: descriptor, path: path)
        } catch {
            unlink(path)
            throw error
        }
    }

    deinit { unlink(path) }

    private static func copy(from input: Int32, to output: Int32, path: String) throws(InputError) {
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(input, buffer, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(path: "<stdin>", message: "read error: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return }
            if let reason = GatherWrite.write(UnsafeRawBufferPointer(start: buffer, count: n), to: output) {
                throw InputError(path: path, message: "cannot write standard input to a temporary file for the corpus pre-pass: \(reason)")
            }
        }
    }
}
