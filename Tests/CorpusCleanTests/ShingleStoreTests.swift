import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// The shingle store gives back every set as it was appended, whether it is still staged in
/// memory or already written, sorted when the store sorts its sets.
@Suite struct ShingleStoreTests {
    /// Sets of 1 to 2,000 distinct pseudo-random hashes, 700,000 in all (past one write of staged sets).
    static func sets() -> [[UInt64]] {
        var generator = SplitMix(seed: 7)
        var sets: [[UInt64]] = []
        var total = 0
        while total < 700_000 {
            let n = Int(generator.next() % 2_000) + 1
            sets.append((0..<n).map { _ in generator.next() | 1 })
            total += n
        }
        return sets
    }

    @Test func readsBackStagedAndWrittenSets() throws {
        let store = try ShingleStore.temporary()
        let sets = Self.sets()
        var offsets: [UInt64] = []
        for (n, set) in sets.enumerated() {
            offsets.append(store.append(set, sorted: false))
            // Read back now and then while sets are staged: the last one, and one written long ago.
            if n % 97 == 0 {
                #expect(store.readUnsorted(offset: offsets[n], length: set.count) == set)
                #expect(store.withUnsorted(offset: offsets[n], length: set.count, Array.init) == set)
                #expect(store.withUnsorted(offset: offsets[n / 2], length: sets[n / 2].count, Array.init) == sets[n / 2])
                #expect(store.read(offset: offsets[n / 2], length: sets[n / 2].count) == sets[n / 2].sorted())
            }
        }
        #expect(store.count == UInt64(sets.reduce(0) { $0 + $1.count }))
        for (n, set) in sets.enumerated() where n % 13 == 0 {
            #expect(store.readUnsorted(offset: offsets[n], length: set.count) == set)
            #expect(store.withUnsorted(offset: offsets[n], length: set.count, Array.init) == set)
        }
        #expect(store.failure == nil)
    }

    @Test func sortingStoreKeepsSortedSets() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shingles-\(UUID().uuidString)").path
        defer { unlink(path) }
        let sets = Self.sets()
        var offsets: [UInt64] = []
        do {
            let store = try ShingleStore(path: path)
            for set in sets { offsets.append(store.append(set, sorted: false)) }
            store.sync()
        }
        let reopened = try ShingleStore(path: path)
        #expect(reopened.count == UInt64(sets.reduce(0) { $0 + $1.count }))
        for (n, set) in sets.enumerated() where n % 11 == 0 {
            #expect(reopened.readUnsorted(offset: offsets[n], length: set.count) == set.sorted())
        }
    }

    @Test func temporaryStoreLeavesNoFile() throws {
        let store = try ShingleStore.temporary()
        _ = store.append([1, 2, 3], sorted: true)
        #expect(store.path.hasPrefix(TemporaryFile.directory + "/corpusclean-shingles-"))
        #expect(access(store.path, F_OK) != 0)
        #expect(store.readUnsorted(offset: 0, length: 3) == [1, 2, 3])
    }

    /// A staged store allocates its file ahead of its writes (its blocks past the written bytes)
    /// without changing the file's length, which checkpoints record; a saved index's store does not.
    @Test func stagedStoreAllocatesAheadAndKeepsItsLength() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("staged-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func sizes(_ path: String) -> (length: Int, allocated: Int) {
            var info = stat()
            _ = stat(path, &info)
            return (Int(info.st_size), Int(info.st_blocks) * 512)
        }
        let staged = try ShingleStore.staged(in: directory, resumedLength: nil)
        let saved = try ShingleStore(path: directory + "/shingles.bin")
        for set in Self.sets() {
            _ = staged.append(set, sorted: false)
            _ = saved.append(set, sorted: false)
        }
        staged.flush()
        saved.flush()
        let written = staged.writtenBytes
        #expect(written == 8 * Int(staged.count))
        #expect(sizes(staged.path).length == written)
        #expect(sizes(staged.path).allocated >= written + 4096)
        #expect(sizes(saved.path).length == written)
        #expect(sizes(saved.path).allocated < written + 4096)
    }
}
