import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a saved dedup index, held from loading it to the run's commit (the
/// stage keeps it until the run ends), so that two runs sharing `--dedup-index DIR` take
/// turns: the second waits, then loads the index the first committed, and no entry is lost.
///
/// The lock is `flock(2)` on `DIR.lock`, beside the index folder and not in it: the commit
/// swaps the folder for the staged one (`renameat2(RENAME_EXCHANGE)`), so a file inside it
/// would be replaced under a waiting run. The kernel releases the lock when the process dies,
/// so a killed run never leaves a stale lock; the file holds the pid of the holder.
final class DedupIndexLock: @unchecked Sendable {
    private let fd: Int32
    let path: String

    /// Takes the lock on the index at `directory`, waiting while another run holds it;
    /// `waiting` is called once (with the holder's pid) before waiting.
    init(directory: String, waiting: (String) -> Void) throws(DedupIndexError) {
        let folder = (directory as NSString).deletingLastPathComponent
        path = directory + ".lock"
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw DedupIndexError(path: path, message: "cannot open the index lock file: \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = pread(fd, &buffer, 63, 0)
            waiting(n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?")
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw DedupIndexError(path: path, message: "cannot lock the dedup index: \(reason)")
                }
            }
        }
        let pid = Array("\(getpid())\n".utf8)
        ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}
