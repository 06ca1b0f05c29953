import CorpusCleanCore
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
            waiting(OutputLock.holder(fd))
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw DedupIndexError(path: path, message: "cannot lock the dedup index: \(reason)")
                }
            }
        }
        OutputLock.recordHolder(fd)
    }

    deinit { OutputLock.release(fd) }
}
