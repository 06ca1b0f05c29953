import CorpusCleanCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The sorted shingle hashes of indexed documents, appended to a file and read back by offset,
/// so that exact verification does not hold the shingle sets in memory (the page cache does;
/// where `$TMPDIR` is a tmpfs, the file is in memory after all, about 8 bytes a shingle of the
/// whole corpus, and peak RSS does not show it).
/// Only the sequential half of the stage touches it.
final class ShingleStore: @unchecked Sendable {
    let path: String
    private let fd: Int32
    /// Hashes written so far.
    private(set) var count: UInt64

    /// Whether the sets are sorted before they are written: those of a saved index are (its
    /// format), a temporary store keeps them as they come and sorts them when they are read.
    let sortsSets: Bool

    /// Opens (creating) `path` for appending after its existing hashes; `sortsSets` as the property says.
    init(path: String, sortsSets: Bool = true) throws(DedupIndexError) {
        self.path = path
        self.sortsSets = sortsSets
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DedupIndexError(path: path, message: "cannot open: errno \(errno)") }
        let size = lseek(fd, 0, SEEK_END)
        count = UInt64(max(0, size)) / 8
    }

    /// A store in an unlinked temporary file in `$TMPDIR` (else /tmp), for runs without a
    /// persistent index. Throws when the file cannot be made: exact verification never falls
    /// back to something weaker without saying so.
    static func temporary() throws(DedupIndexError) -> ShingleStore {
        guard let file = TemporaryFile(prefix: "corpusclean-shingles-") else {
            throw DedupIndexError(path: TemporaryFile.directory, message: "cannot make the temporary shingle file: \(String(cString: strerror(errno)))")
        }
        close(file.descriptor)
        let path = file.path
        defer { unlink(path) }
        return try ShingleStore(path: path, sortsSets: false)
    }

    /// The first write that failed (a full or read-only disk); the run must fail, since the
    /// shingle sets after it are missing. Pending sets are written first (`flush`) by whoever
    /// checks.
    private(set) var failure: DedupIndexError?

    deinit { close(fd) }

    /// Sets appended since the last write to the file, in order, kept as they came (no copy)
    /// and written with one pwritev for many documents instead of a system call each;
    /// `pendingStarts` holds the offset (in hashes) of each.
    private var pending: [[UInt64]] = []
    private var pendingStarts: [UInt64] = []
    private var pendingHashes = 0
    private static let pendingLimit = 1 << 19
    /// At most IOV_MAX (1024 on Linux) buffers go in one pwritev.
    private static let pendingSetsLimit = 1024

    /// Appends a set (`sorted` or not) and returns the offset (in hashes) it starts at.
    func append(_ shingles: [UInt64], sorted: Bool) -> UInt64 {
        let offset = count
        guard failure == nil else { return offset }
        var set = shingles
        if sortsSets && !sorted { set.sortUniqueHashes() }
        if !set.isEmpty {
            pending.append(set)
            pendingStarts.append(offset)
            pendingHashes += set.count
        }
        count += UInt64(shingles.count)
        if pendingHashes >= Self.pendingLimit || pending.count >= Self.pendingSetsLimit { flush() }
        return offset
    }

    /// Writes the pending sets to the file.
    func flush() {
        defer {
            pending.removeAll(keepingCapacity: true)
            pendingStarts.removeAll(keepingCapacity: true)
            pendingHashes = 0
        }
        guard failure == nil, let start = pendingStarts.first else { return }
        let reason = GatherWrite.write(pending, to: fd, at: off_t(start * 8))
        if let reason { failure = DedupIndexError(path: path, message: "cannot write the shingle file: \(reason)") }
    }

    /// The set of `length` hashes starting at `offset`, sorted (a store that keeps its sets as
    /// they came sorts what it reads).
    func read(offset: UInt64, length: Int) -> [UInt64] {
        var set = stored(offset: offset, length: length)
        if !sortsSets { set.sortUniqueHashes() }
        return set
    }

    /// The set of `length` hashes starting at `offset`, in the order the store keeps it (sorted
    /// only if `sortsSets`): for comparisons that need no order.
    func readUnsorted(offset: UInt64, length: Int) -> [UInt64] { stored(offset: offset, length: length) }

    private func stored(offset: UInt64, length: Int) -> [UInt64] {
        if length == 0 { return [] }
        if let first = pendingStarts.first, offset >= first {
            var low = 0, high = pendingStarts.count
            while high - low > 1 {
                let middle = (low + high) / 2
                if pendingStarts[middle] <= offset { low = middle } else { high = middle }
            }
            if pendingStarts[low] == offset && pending[low].count == length { return pending[low] }
            flush()
        }
        return [UInt64](unsafeUninitializedCapacity: length) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            var done = 0
            while done < raw.count {
                let n = pread(fd, raw.baseAddress! + done, raw.count - done, off_t((offset * 8) + UInt64(done)))
                if n <= 0 { break }
                done += n
            }
            initialized = done / 8
        }
    }

    /// Writes the pending sets and flushes the file to disk.
    func sync() {
        flush()
        fsync(fd)
    }
}
