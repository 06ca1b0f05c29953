import Foundation
import Synchronization
import Testing
@testable import CorpusCleanCore
#if canImport(Glibc)
import Glibc
#endif

/// What the run overlaps at its ends: the commit's disk waits (`DiskWaits`, the emptying of
/// what staging leaves) and the smaller last chunks of a streaming run.
@Suite struct CommitOverlapTests {
    /// Every step runs, and the failure thrown is that of the first failing step in the order
    /// given, whichever finished first.
    @Test func diskWaitsRunEveryStepAndThrowTheFirstFailure() {
        let ran = Atomic<Int>(0)
        let steps: [() -> InputError?] = [
            { ran.add(1, ordering: .relaxed); return nil },
            { usleep(20_000); ran.add(1, ordering: .relaxed); return InputError(path: "b", message: "second") },
            { ran.add(1, ordering: .relaxed); return InputError(path: "c", message: "third") },
        ]
        #expect(throws: InputError.self) { try DiskWaits.run(steps) }
        do {
            try DiskWaits.run(steps)
        } catch {
            #expect(error.path == "b")
        }
        #expect(ran.load(ordering: .relaxed) == 6)
        #expect((try? DiskWaits.run([])) != nil)
    }

    /// After the moves, a file left in a removed staging directory is emptied, so that a holder
    /// that still has it open frees nothing when it closes it; the moved file is whole.
    @Test func commitEmptiesWhatStagingLeaves() throws {
        let out = try TestSupport.temporaryDirectory("out")
        let staging = out.appendingPathComponent(".staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let product = Array(repeating: UInt8(ascii: "x"), count: 4096)
        try Data(product).write(to: staging.appendingPathComponent("documents.jsonl"))
        let left = staging.appendingPathComponent("store.bin")
        try Data(repeating: 7, count: 1 << 20).write(to: left)
        let fd = open(left.path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        try OutputCommit.perform(directory: out.path,
                                 moves: [CommitMove(from: staging.appendingPathComponent("documents.jsonl").path,
                                                    to: out.appendingPathComponent("documents.jsonl").path)],
                                 removals: [staging.path], run: nil)
        var info = stat()
        #expect(fstat(fd, &info) == 0)
        #expect(info.st_size == 0)
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(try Data(contentsOf: out.appendingPathComponent("documents.jsonl")) == Data(product))
    }

    /// The last chunks are cut smaller once at most a chunk per worker is left: by `--limit`,
    /// or by the bytes left at the mean document size so far.
    @Test func nearEndByLimitOrBytesLeft() {
        #expect(PipelineRunner.nearEnd(read: 872, limit: 1000, counted: 872, bytesRead: nil, bytesTotal: nil, span: 128))
        #expect(!PipelineRunner.nearEnd(read: 871, limit: 1000, counted: 871, bytesRead: nil, bytesTotal: nil, span: 128))
        // 100 documents of 1,000 bytes read, 128,000 bytes left: 128 documents.
        #expect(PipelineRunner.nearEnd(read: 100, limit: nil, counted: 100, bytesRead: 100_000, bytesTotal: 228_000, span: 128))
        #expect(!PipelineRunner.nearEnd(read: 100, limit: nil, counted: 100, bytesRead: 100_000, bytesTotal: 229_000, span: 128))
        #expect(!PipelineRunner.nearEnd(read: 0, limit: nil, counted: 0, bytesRead: 0, bytesTotal: 1_000, span: 128))
        #expect(!PipelineRunner.nearEnd(read: 100, limit: nil, counted: 100, bytesRead: 100_000, bytesTotal: nil, span: 128))
        // Half of 1 TB of 32-byte documents read: no overflow of the products.
        #expect(!PipelineRunner.nearEnd(read: 1 << 34, limit: nil, counted: 1 << 34, bytesRead: 1 << 39, bytesTotal: 1 << 40, span: 128))
        // A file that grew while read has no bytes left to go by.
        #expect(!PipelineRunner.nearEnd(read: 100, limit: nil, counted: 100, bytesRead: 300_000, bytesTotal: 228_000, span: 128))
    }
}
