/// The state of dedup across documents: exact hashes and LSH buckets of the kept documents.
/// Only the sequential half of the stage touches it.
final class DedupIndex {
    struct Entry {
        let id: String
        let signature: [UInt32]
    }

    private(set) var entries: [Entry] = []
    private var exact: [UInt64: Int32] = [:]
    private var buckets: [[UInt64: [Int32]]]

    init(bands: Int) {
        buckets = Array(repeating: [:], count: bands)
    }

    func exactMatch(_ hash: UInt64) -> Entry? {
        exact[hash].map { entries[Int($0)] }
    }

    /// Kept documents that share at least one band, in insertion order, without repeats.
    func candidates(_ bandHashes: [UInt64]) -> [Entry] {
        var seen = Set<Int32>()
        var found: [Int32] = []
        for (band, hash) in bandHashes.enumerated() {
            for index in buckets[band][hash] ?? [] where seen.insert(index).inserted {
                found.append(index)
            }
        }
        return found.sorted().map { entries[Int($0)] }
    }

    func insert(id: String, signature: DedupSignature) {
        let index = Int32(entries.count)
        entries.append(Entry(id: id, signature: signature.signature))
        if exact[signature.exactHash] == nil { exact[signature.exactHash] = index }
        for (band, hash) in signature.bandHashes.enumerated() {
            buckets[band][hash, default: []].append(index)
        }
    }
}
