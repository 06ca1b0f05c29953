import CorpusCleanCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import CTextKit

/// Counts 64-bit keys in bounded memory: keys gather in a buffer of `runCapacity`; a full
/// buffer is sorted, collapsed to (key, count) pairs and written to an unlinked file in
/// `$TMPDIR` (a run); at the end the runs are merged, so memory stays at the buffer (8 MiB by
/// default) however large the corpus, and the counts are exact.
final class ExternalKeyCounter {
    let runCapacity: Int
    private var buffer: [UInt64] = []
    /// Descriptors of the runs written so far, each a sorted array of (key, count) UInt64 pairs.
    private var runs: [Int32] = []
    /// The first write that failed; `keys(countedMoreThan:)` throws it.
    private var failure: InputError?

    /// Where runs go: `$TMPDIR` (else /tmp) by default.
    let directory: String

    init(runCapacity: Int = 1 << 20, directory: String = TemporaryFile.directory) {
        self.runCapacity = max(2, runCapacity)
        self.directory = directory
    }

    deinit { for fd in runs { close(fd) } }

    /// Counts each of `keys` once more.
    func add(_ keys: [UInt64]) {
        // Room for a run at once: grown by doubling, the buffer was copied and its new pages
        // faulted in at each step (a reservation takes memory only as keys fill it).
        if buffer.capacity == 0 { buffer.reserveCapacity(runCapacity) }
        buffer.append(contentsOf: keys)
        if buffer.count >= runCapacity { spill() }
    }

    /// The keys counted more than `threshold` times, in ascending order. Throws when a run
    /// could not be written or read back (a full or unwritable `$TMPDIR`): counts are never
    /// silently lower than they are. Empties the counter.
    func keys(countedMoreThan threshold: Int) throws(InputError) -> [UInt64] {
        defer {
            for fd in runs { close(fd) }
            runs = []
            buffer = []
        }
        if runs.isEmpty, failure == nil {
            var frequent: [UInt64] = []
            drain { key, count in if count > UInt64(threshold) { frequent.append(key) } }
            return frequent
        }
        spill()
        if let failure { throw failure }
        return try merged(threshold: threshold)
    }

    /// Sorts the buffer and calls `body` with each key and its count, in key order; empties
    /// the buffer.
    private func drain(_ body: (UInt64, UInt64) -> Void) {
        buffer.withUnsafeMutableBufferPointer { ctk_sort_u64($0.baseAddress, $0.count) }
        var i = 0
        while i < buffer.count {
            var j = i + 1
            while j < buffer.count, buffer[j] == buffer[i] { j += 1 }
            body(buffer[i], UInt64(j - i))
            i = j
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func spill() {
        guard !buffer.isEmpty else { return }
        guard failure == nil, let fd = newRun() else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        var pairs = PairWriter(fd: fd, counter: self)
        drain { key, count in pairs.add(key, count) }
        pairs.flush()
        if runs.count >= Self.maximumRuns { compact() }
    }

    /// Writes (key, count) pairs to a run in blocks of 64K pairs.
    private struct PairWriter {
        let fd: Int32
        let counter: ExternalKeyCounter
        private var pairs: [UInt64] = []

        init(fd: Int32, counter: ExternalKeyCounter) {
            self.fd = fd
            self.counter = counter
            pairs.reserveCapacity(1 << 17)
        }

        mutating func add(_ key: UInt64, _ count: UInt64) {
            pairs.append(key)
            pairs.append(count)
            if pairs.count >= 1 << 17 { flush() }
        }

        mutating func flush() {
            counter.append(pairs, to: fd)
            pairs.removeAll(keepingCapacity: true)
        }
    }

    /// Runs kept open at most: more are merged into one, so a corpus of any size holds few
    /// descriptors.
    static let maximumRuns = 64

    /// An unlinked temporary file, appended to `runs`; nil (and `failure` set) when it cannot be made.
    private func newRun() -> Int32? {
        guard let file = TemporaryFile(prefix: "corpusclean-line-counts-", directory: directory) else {
            failure = InputError(path: directory, message: "cannot make a temporary file for the corpus line counts: \(String(cString: strerror(errno)))")
            return nil
        }
        unlink(file.path)
        runs.append(file.descriptor)
        return file.descriptor
    }

    fileprivate func append(_ pairs: [UInt64], to fd: Int32) {
        guard failure == nil else { return }
        let written = pairs.withUnsafeBytes { raw -> Int in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n <= 0 { return n < 0 ? -Int(errno) : done }
                done += n
            }
            return done
        }
        if written != pairs.count * 8 {
            let reason = written < 0 ? String(cString: strerror(-Int32(written))) : "disk full"
            failure = InputError(path: directory, message: "cannot write the corpus line counts: \(reason)")
        }
    }

    /// Merges every run into one.
    private func compact() {
        let old = runs
        runs = []
        defer { for fd in old { close(fd) } }
        guard let fd = newRun() else { return }
        var pairs = PairWriter(fd: fd, counter: self)
        do {
            try Self.merge(old, directory: directory) { key, count in pairs.add(key, count) }
        } catch {
            failure = failure ?? error
        }
        pairs.flush()
    }

    /// The keys of the runs counted more than `threshold` times.
    private func merged(threshold: Int) throws(InputError) -> [UInt64] {
        var result: [UInt64] = []
        try Self.merge(runs, directory: directory) { key, count in
            if count > UInt64(threshold) { result.append(key) }
        }
        return result
    }

    /// Merges the sorted runs in `fds`, calling `emit` with each key and its summed count in
    /// ascending key order.
    private static func merge(_ fds: [Int32], directory: String,
                              emit: (UInt64, UInt64) -> Void) throws(InputError) {
        var readers = fds.map { RunReader(fd: $0) }
        var heap = MinHeap()
        for (r, reader) in readers.enumerated() {
            if let key = reader.head?.key { heap.push(key, r) }
        }
        var current: UInt64 = 0, count: UInt64 = 0
        while let (key, r) = heap.pop() {
            if count > 0, key != current {
                emit(current, count)
                count = 0
            }
            current = key
            count += readers[r].head!.count
            readers[r].advance()
            if let next = readers[r].head?.key { heap.push(next, r) }
        }
        if count > 0 { emit(current, count) }
        if let error = readers.lazy.compactMap(\.failure).first {
            throw InputError(path: directory, message: "cannot read back the corpus line counts: \(error)")
        }
    }

    /// Reads one run from its start in blocks of pairs.
    private struct RunReader {
        let fd: Int32
        private var block: [UInt64] = []
        private var at = 0
        private var offset: off_t = 0
        private(set) var failure: String?
        private(set) var head: (key: UInt64, count: UInt64)?

        init(fd: Int32) {
            self.fd = fd
            refill()
        }

        mutating func advance() {
            at += 2
            if at + 1 < block.count { head = (block[at], block[at + 1]) } else { refill() }
        }

        private mutating func refill() {
            let pairs = 8192
            let fd = self.fd, offset = self.offset
            var failed: String?
            // Whole (key, count) pairs only: a short read is continued, an interrupted one retried.
            block = [UInt64](unsafeUninitializedCapacity: 2 * pairs) { buffer, initialized in
                let raw = UnsafeMutableRawPointer(buffer.baseAddress!)
                var done = 0
                while done < 16 * pairs {
                    let n = pread(fd, raw + done, 16 * pairs - done, offset + off_t(done))
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 { failed = String(cString: strerror(errno)) }
                    if n <= 0 { break }
                    done += n
                }
                initialized = done / 16 * 2
            }
            failure = failed ?? failure
            self.offset += off_t(block.count * 8)
            at = 0
            head = block.count >= 2 ? (block[0], block[1]) : nil
        }
    }

    /// A binary min-heap of (key, run) by key then run.
    private struct MinHeap {
        private var items: [(key: UInt64, run: Int)] = []

        private func less(_ a: Int, _ b: Int) -> Bool {
            (items[a].key, items[a].run) < (items[b].key, items[b].run)
        }

        mutating func push(_ key: UInt64, _ run: Int) {
            items.append((key, run))
            var i = items.count - 1
            while i > 0, less(i, (i - 1) / 2) {
                items.swapAt(i, (i - 1) / 2)
                i = (i - 1) / 2
            }
        }

        mutating func pop() -> (UInt64, Int)? {
            guard let top = items.first else { return nil }
            items.swapAt(0, items.count - 1)
            items.removeLast()
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var smallest = i
                if l < items.count, less(l, smallest) { smallest = l }
                if r < items.count, less(r, smallest) { smallest = r }
                if smallest == i { break }
                items.swapAt(i, smallest)
                i = smallest
            }
            return (top.key, top.run)
        }
    }
}
