import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The bucket sort of hashes (`sortUniqueHashes`, `ctk_sort_u64`): the same result as a
/// comparison sort on hashes, on values crowded into one bucket, and at every size boundary.
@Suite struct HashSortTests {
    static func reference(_ values: [UInt64]) -> [UInt64] {
        var seen = Set<UInt64>()
        return values.sorted().filter { seen.insert($0).inserted }
    }

    @Test(arguments: [0, 1, 2, 255, 256, 257, 1000, 4096, 70_000, 300_000])
    func sortsHashesLikeAComparisonSort(count: Int) {
        var rng = SplitMix(seed: UInt64(count))
        var values = (0..<count).map { _ in rng.next() }
        values += values.prefix(count / 10)
        let expected = Self.reference(values)
        values.sortUniqueHashes()
        #expect(values == expected)
    }

    @Test func sortsValuesThatAllFallInOneBucket() {
        var rng = SplitMix(seed: 7)
        // Only the low 20 bits vary: every value has the same top bits.
        var values = (0..<50_000).map { _ in rng.next() & 0xF_FFFF }
        let expected = Self.reference(values)
        values.sortUniqueHashes()
        #expect(values == expected)
        #expect(values.count < 50_000)
    }
}
