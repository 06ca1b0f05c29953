import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on an output directory (`.lock`, held with flock), so two runs cannot
/// write the same directory at once. The kernel releases it when the process dies, so a
/// killed run never leaves a stale lock. The file holds the pid of the run while it runs,
/// and is emptied on release so that finished output directories compare byte for byte.
public final class OutputLock {
    private let fd: Int32
    public let path: String

    public init(directory: String) throws(InputError) {
        path = (directory as NSString).appendingPathComponent(".lock")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(path: directory, message: "cannot create the output directory: \(error.localizedDescription)")
        }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(path: path, message: "cannot open the lock file: \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = OutputLock.holder(fd)
            close(fd)
            throw InputError(path: directory, message: "another corpusclean run (pid \(holder)) is writing this output directory; wait for it or choose another --output")
        }
        OutputLock.recordHolder(fd)
    }

    deinit { OutputLock.release(fd) }

    /// The pid written in a held lock file, or `?`.
    package static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = pread(fd, &buffer, 63, 0)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
    }

    /// Writes this process's pid in the lock file it now holds.
    package static func recordHolder(_ fd: Int32) {
        let pid = Array("\(getpid())\n".utf8)
        ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Empties the lock file (so that finished folders compare byte for byte), unlocks and closes it.
    package static func release(_ fd: Int32) {
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}
