import CorpusCleanCore
import CTextKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The shingle hashes of indexed documents (sorted in a saved index), appended to a file and read back by offset,
/// so that exact verification does not hold the shingle sets in memory (the page cache does;
/// where the file is on a tmpfs — a temporary store in a `$TMPDIR` that is one — it is in memory
/// after all, about 8 bytes a shingle of the whole corpus, and peak RSS does not show it).
/// Only the sequential half of the stage touches it.
///
/// A resumable run's store (`staged`) holds every set the stage compared, in the order of the
/// decisions (those of documents that turned out to add nothing to the index too), so that
/// `--resume` reads them back in that order (`readBack`) instead of from the journal.
final class ShingleStore: @unchecked Sendable {
    let path: String
    private let fd: Int32
    /// Hashes written so far.
    private(set) var count: UInt64

    /// Whether the sets are sorted before they are written: those of a saved index are (its
    /// format), a run's own store keeps them as they come and sorts them when they are read.
    let sortsSets: Bool

    /// Whether the store is the staged file of a resumable run, whose length checkpoints record
    /// and which holds every compared set in order (not only the indexed documents').
    let isStaged: Bool

    /// The name of the store in the output's staging directory (`staged`).
    static let stagedName = "dedup-shingles.bin"

    /// Where `readBack` reads next, in hashes.
    private var readBackOffset: UInt64 = 0

    /// The sets appended since the last write to the file, one after another, and the offset (in
    /// hashes) of the first: copied, so that a document's set is freed by the thread that made
    /// it (a worker), not here under that thread's allocator lock, and written with one call
    /// for many documents. 4 MiB: the kernel puts larger writes in larger page-cache folios, so
    /// that both the write and the commit's truncation cost less (256 KiB writes took 1.3x the
    /// CPU of 4 MiB ones, and their truncation 1.4x; 16 MiB ones 1.3x, the buffer out of cache).
    private var pending: [UInt64] = []
    private var pendingStart: UInt64 = 0
    private static let pendingLimit = 1 << 19

    /// Whether the file is allocated ahead of the writes (`preallocate`): a temporary or staged
    /// store, which the run removes; not a saved index's, which would keep the blocks past its end.
    private let preallocates: Bool
    /// Bytes of the file allocated ahead so far.
    private var allocated: Int64 = 0
    /// How far ahead of the writes the file is allocated.
    private static let allocationStep: Int64 = 16 << 20

    /// Opens (creating) `path` for appending after its existing hashes; `sortsSets` as the property says.
    convenience init(path: String, sortsSets: Bool = true) throws(DedupIndexError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DedupIndexError(path: path, message: "cannot open: errno \(errno)") }
        self.init(descriptor: fd, path: path, sortsSets: sortsSets, isStaged: false, preallocates: false)
    }

    /// A store on the open file `descriptor` (read and written), which it closes.
    private init(descriptor: Int32, path: String, sortsSets: Bool, isStaged: Bool, preallocates: Bool = true) {
        self.path = path
        self.sortsSets = sortsSets
        self.isStaged = isStaged
        self.preallocates = preallocates
        fd = descriptor
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
        // Unlinked at once: a run killed at any point leaves no file behind.
        unlink(file.path)
        return ShingleStore(descriptor: file.descriptor, path: file.path, sortsSets: false, isStaged: false)
    }

    /// The store of a run that can be resumed: `stagedName` in the output's staging directory,
    /// new, or when resuming (`resumedLength` given), the interrupted run's cut back to the
    /// bytes its checkpoint counts. The run's commit removes it with the staging directory.
    static func staged(in directory: String, resumedLength: Int?) throws(DedupIndexError) -> ShingleStore {
        let path = (directory as NSString).appendingPathComponent(stagedName)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | (resumedLength == nil ? O_TRUNC : 0), 0o644)
        guard fd >= 0 else {
            throw DedupIndexError(path: path, message: "cannot open the staged shingle file: \(String(cString: strerror(errno)))")
        }
        if let resumedLength {
            var info = stat()
            guard fstat(fd, &info) == 0 else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw DedupIndexError(path: path, message: "cannot read the size of the staged shingle file: \(reason)")
            }
            guard Int(info.st_size) >= resumedLength else {
                close(fd)
                throw DedupIndexError(path: path, message: "the interrupted run's shingle file is shorter than its checkpoint says (\(resumedLength) bytes), so --resume cannot continue it; run again without --resume")
            }
            // Sets written after the checkpoint belong to documents the resumed run decides again.
            guard ftruncate(fd, off_t(resumedLength)) == 0 else {
                close(fd)
                throw DedupIndexError(path: path, message: "cannot cut the staged shingle file back to its checkpoint: \(String(cString: strerror(errno)))")
            }
        }
        return ShingleStore(descriptor: fd, path: path, sortsSets: false, isStaged: true)
    }

    /// Bytes of the file that are written (the pending sets not counted): what a checkpoint of
    /// the documents decided so far records, after `flush`.
    var writtenBytes: Int { Int(pending.isEmpty ? count : pendingStart) * 8 }

    /// Bytes read back so far (`readBack`): after a replay, the checkpointed length.
    var readBackBytes: Int { Int(readBackOffset) * 8 }

    /// The next `length` hashes after those read back so far (from the start of the store),
    /// in the order stored, and their offset: a resumed run's sets, in the order the
    /// interrupted run compared them. Nil (and a failure recorded) when the store ends before them.
    func readBack(length: UInt64) -> (offset: UInt64, shingles: [UInt64])? {
        let offset = readBackOffset
        guard failure == nil, length <= count, offset <= count - length else {
            damaged("ends before its journal does")
            return nil
        }
        readBackOffset += length
        let set = stored(offset: offset, length: Int(length))
        guard set.count == Int(length) else {
            damaged("ends before its journal does")
            return nil
        }
        return (offset, set)
    }

    /// Records that the interrupted run's store does not hold what its journal says (`what`):
    /// a resumed run must not go on from it.
    func damaged(_ what: String) {
        guard failure == nil else { return }
        failure = DedupIndexError(path: path, message: "the interrupted run's shingle file \(what) (damaged, e.g. by a power loss), so --resume cannot continue it; run again without --resume")
    }

    /// The first write that failed (a full or read-only disk); the run must fail, since the
    /// shingle sets after it are missing. Pending sets are written first (`flush`) by whoever
    /// checks.
    private(set) var failure: DedupIndexError?

    deinit { close(fd) }

    /// Appends a set (`sorted` or not) and returns the offset (in hashes) it starts at.
    func append(_ shingles: [UInt64], sorted: Bool) -> UInt64 {
        let offset = count
        guard failure == nil else { return offset }
        if pending.isEmpty {
            pendingStart = offset
            pending.reserveCapacity(Self.pendingLimit + shingles.count)
        }
        let from = pending.count
        pending.append(contentsOf: shingles)
        if sortsSets && !sorted {
            let unique = pending.withUnsafeMutableBufferPointer { all in
                ctk_sort_unique_u64(all.baseAddress! + from, shingles.count)
            }
            pending.removeLast(shingles.count - unique)
        }
        // The hashes pending: the next set starts right after them (the callers' sets are distinct).
        count += UInt64(pending.count - from)
        if pending.count >= Self.pendingLimit { flush() }
        return offset
    }

    /// Writes the pending sets to the file.
    func flush() {
        defer { pending.removeAll(keepingCapacity: true) }
        guard failure == nil, !pending.isEmpty else { return }
        let start = Int64(pendingStart * 8)
        preallocate(from: start, upTo: start + Int64(pending.count * 8))
        let reason = GatherWrite.write([pending[...]], to: fd, at: off_t(start))
        if let reason { failure = DedupIndexError(path: path, message: "cannot write the shingle file: \(reason)") }
    }

    /// Allocates the file's blocks from `start` to past `end` bytes, a step at a time, without
    /// changing its length (FALLOC_FL_KEEP_SIZE): a write into allocated blocks costs the kernel
    /// about 0.7x the CPU of one that reserves each block as it goes (ext4's delayed allocation).
    /// Where the file system cannot, the writes allocate as before.
    private func preallocate(from start: Int64, upTo end: Int64) {
        guard preallocates, end > allocated else { return }
        let to = (end / Self.allocationStep + 1) * Self.allocationStep
        let from = max(allocated, start)
        allocated = ctk_preallocate(fd, from, to - from) == 0 ? to : Int64.max
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

    /// Calls `body` with the set of `length` hashes starting at `offset`, in the order the store
    /// keeps it, without making an array: in place while it is pending, else read into temporary
    /// storage. `body` must not touch the store.
    func withUnsorted<R>(offset: UInt64, length: Int, _ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
        if length == 0 { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        if let range = pendingRange(offset: offset, length: length) {
            return pending.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: length) { buffer in
            body(UnsafeBufferPointer(start: buffer.baseAddress, count: readFile(offset: offset, into: buffer)))
        }
    }

    private func stored(offset: UInt64, length: Int) -> [UInt64] {
        if length == 0 { return [] }
        if let range = pendingRange(offset: offset, length: length) { return Array(pending[range]) }
        return [UInt64](unsafeUninitializedCapacity: length) { buffer, initialized in
            initialized = readFile(offset: offset, into: buffer)
        }
    }

    /// Where the set of `length` hashes at `offset` lies in `pending`, when it lies there whole;
    /// a set only partly pending is flushed to the file first (nil: read it from the file).
    private func pendingRange(offset: UInt64, length: Int) -> Range<Int>? {
        guard !pending.isEmpty, offset >= pendingStart else { return nil }
        let from = Int(offset - pendingStart)
        if from + length <= pending.count { return from..<(from + length) }
        flush()
        return nil
    }

    /// Reads the hashes from `offset` in the file into `buffer`; returns how many it read.
    private func readFile(offset: UInt64, into buffer: UnsafeMutableBufferPointer<UInt64>) -> Int {
        let raw = UnsafeMutableRawBufferPointer(buffer)
        var done = 0
        while done < raw.count {
            let n = pread(fd, raw.baseAddress! + done, raw.count - done, off_t((offset * 8) + UInt64(done)))
            if n <= 0 { break }
            done += n
        }
        return done / 8
    }

    /// Writes the pending sets and flushes the file to disk.
    func sync() {
        flush()
        fsync(fd)
    }
}
