import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The corpus line counts are exact whether they fit in memory or go through sorted runs on
/// disk, and a temporary folder that cannot be used fails the count instead of lowering it.
@Suite struct ExternalKeyCounterTests {
    /// Documents of keys drawn from a small range, so that many repeat across documents.
    static func documents(_ count: Int, seed: UInt64) -> [[UInt64]] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        return (0..<count).map { _ in Array(Set((0..<Int(next() % 12)).map { _ in 1 + next() % 300 })) }
    }

    static func expected(_ documents: [[UInt64]], threshold: Int) -> [UInt64] {
        var counts: [UInt64: Int] = [:]
        for keys in documents { for key in keys { counts[key, default: 0] += 1 } }
        return counts.filter { $0.value > threshold }.keys.sorted()
    }

    @Test(arguments: [3, 50, 1 << 20])
    func runsOnDiskCountAsMemoryDoes(runCapacity: Int) throws {
        let documents = Self.documents(1_000, seed: 42)
        for threshold in [0, 3, 40] {
            let counter = ExternalKeyCounter(runCapacity: runCapacity)
            for keys in documents { counter.add(keys) }
            #expect(try counter.keys(countedMoreThan: threshold) == Self.expected(documents, threshold: threshold))
        }
    }

    @Test func sharedLinesDoNotDependOnTheRunSize() throws {
        let texts = (0..<300).map { i in "Share this article\nStory \(i % 50) of the day\nLine \(i) alone" }
        func shared(runKeys: Int) throws -> [Bool] {
            let counts = CorpusLineCounts(threshold: 3, runKeys: runKeys)
            for text in texts { counts.count(counts.keys(of: text)) }
            try counts.finish()
            return texts.flatMap(counts.keys(of:)).map(counts.isShared)
        }
        let inMemory = try shared(runKeys: 1 << 20)
        #expect(try shared(runKeys: 5) == inMemory)
        #expect(inMemory.contains(true) && inMemory.contains(false))
    }

    @Test func aTemporaryFolderThatCannotBeUsedFailsTheCount() {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-folder-\(UUID())").path
        let counter = ExternalKeyCounter(runCapacity: 4, directory: missing)
        counter.add([1, 2, 3, 4, 5])
        #expect {
            _ = try counter.keys(countedMoreThan: 0)
        } throws: { error in
            "\(error)".contains(missing) && "\(error)".contains("cannot make a temporary file")
        }
    }
}
