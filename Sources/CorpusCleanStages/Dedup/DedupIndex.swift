import CTextKit
import CorpusCleanCore
/// The state of dedup across documents, as flat arrays per indexed document: id, exact hash,
/// text length, union-find parent, LSH buckets (a table from band key to the last entry
/// with that key, and per entry and band the previous one), and either the
/// MinHash signature (`verify: signature`) or the place of the shingle set in a `ShingleStore`
/// (`verify: exact`). Only the sequential half of the stage touches it, under the stage's lock.
///
/// Bytes per indexed document in memory: 8 (exact hash) + 4 (length) + 4 (parent) + 16 (id,
/// plus its bytes when longer than 15) + 16 to 32 for its exact-hash key (`EntryTable`: 12
/// bytes a slot, three quarters full at most) + per band 4 (chain) + 16 to 32 (its band key,
/// where no earlier document has it) + 4 (shingle count), and then 8 (shingle offset) or 4 per permutation.
package final class DedupIndex: @unchecked Sendable {
    let bands: Int
    let permutations: Int
    let store: ShingleStore?

    // Only the stage's sequential half touches the index, under the stage's lock: no dynamic
    // exclusivity checks on every access (they cost as much as the look-ups themselves).
    @exclusivity(unchecked) private(set) var ids: [String] = []
    @exclusivity(unchecked) private(set) var exactHashes: [UInt64] = []
    @exclusivity(unchecked) private(set) var lengths: [UInt32] = []
    @exclusivity(unchecked) private(set) var parents: [Int32] = []
    @exclusivity(unchecked) private(set) var shingleOffsets: [UInt64] = []
    @exclusivity(unchecked) private(set) var shingleCounts: [UInt32] = []
    @exclusivity(unchecked) private(set) var signatures: [UInt32] = []
    @exclusivity(unchecked) private var exact = EntryTable()
    @exclusivity(unchecked) private(set) var heads = EntryTable()
    /// Per entry and band, the previous entry with the same band key, or -1.
    @exclusivity(unchecked) private(set) var chains: [Int32] = []

    /// `store` holds the shingle sets for exact verification; nil keeps signatures instead.
    init(bands: Int, permutations: Int, store: ShingleStore?) {
        self.bands = bands
        self.permutations = permutations
        self.store = store
    }

    var count: Int { ids.count }
    /// Entries that came from a saved index (earlier runs).
    var loadedCount = 0
    /// Shingle hashes in the store when the saved index was loaded.
    var shinglesBefore: UInt64 = 0

    func exactMatch(_ hash: UInt64) -> Int32? { exact[hash] }

    /// The band keys `candidates` last looked up, the slot of each in `heads` (where it is or
    /// would go: `EntryTable.find`) and the table's capacity then, so that inserting the same
    /// document probes from there.
    @exclusivity(unchecked) private var lookedUpKeys: [UInt64] = []
    @exclusivity(unchecked) private var lookedUpSlots: [Int64] = []
    @exclusivity(unchecked) private var lookedUpCapacity = 0
    /// Per band, the entry with its key: the last before a document (for `candidates`, and
    /// the document's chain links when it is inserted).
    @exclusivity(unchecked) private var bandEntries: [Int32] = []
    /// What `candidates` returned last.
    @exclusivity(unchecked) private var found: [Int32] = []

    /// Indexed documents that share at least one band key, in index order, without repeats.
    func candidates(_ keys: [UInt64]) -> [Int32] {
        if lookedUpSlots.count != keys.count {
            lookedUpSlots = [Int64](repeating: 0, count: keys.count)
            bandEntries = [Int32](repeating: -1, count: keys.count)
        }
        keys.withUnsafeBufferPointer { query in
            lookedUpSlots.withUnsafeMutableBufferPointer { slots in
                bandEntries.withUnsafeMutableBufferPointer { found in
                    heads.find(query, found: found.baseAddress!, slots: slots.baseAddress!)
                }
            }
        }
        lookedUpKeys = keys
        lookedUpCapacity = heads.capacity
        // Reused from document to document: the caller has let go of the last one by now.
        found.removeAll(keepingCapacity: true)
        for band in keys.indices {
            var entry = bandEntries[band]
            while entry >= 0 {
                found.append(entry)
                entry = chains[Int(entry) * bands + band]
            }
        }
        // Most documents have no candidates: sorting an empty array would allocate one.
        if found.count > 1 { found.sortUnique() }
        return found
    }

    /// Bytes the index holds in memory: array and hash table capacities, and id strings.
    var memoryBytes: Int {
        func bytes<T>(_ array: [T]) -> Int { array.capacity * MemoryLayout<T>.stride }
        let tables = (exact.capacity + heads.capacity) * (8 + 4)
        let idBytes = ids.reduce(0) { $0 + ($1.utf8.count > 15 ? $1.utf8.count + 32 : 0) }
        return bytes(ids) + idBytes + bytes(exactHashes) + bytes(lengths) + bytes(parents)
            + bytes(shingleOffsets) + bytes(shingleCounts) + bytes(signatures) + bytes(chains) + tables
    }

    /// Jaccard similarity of a document with indexed document `entry`: exact over the shingle
    /// sets (in any order, as stored) when they are stored, else the signature estimate. Below
    /// `threshold`, some value below it (the count of shared shingles stops once it cannot reach
    /// it). `set` is the document's shingle set as the last call for the same document left it
    /// in this thread's hash set (0 at the first), so that it is not made again for each candidate.
    func similarity(_ doc: DedupSignature, _ entry: Int32, atLeast threshold: Double = 0, set: inout UInt64) -> Double {
        guard let store else { return MinHasher.similarity(doc.signature, signature(of: entry)) }
        return store.withUnsorted(offset: shingleOffsets[Int(entry)], length: Int(shingleCounts[Int(entry)])) { stored in
            doc.shingles.withUnsafeBufferPointer { DedupIndex.jaccard(distinct: $0, stored, atLeast: threshold, set: &set) }
        }
    }

    /// Jaccard similarity of two indexed documents (exact or estimated, as `similarity`).
    func pairSimilarity(_ a: Int32, _ b: Int32) -> Double {
        store == nil ? MinHasher.similarity(signature(of: a), signature(of: b))
            : DedupIndex.jaccard(distinct: storedShingles(of: a), storedShingles(of: b))
    }

    /// The shingle set of `entry`, in the order it was stored.
    private func storedShingles(of entry: Int32) -> [UInt64] {
        store?.readUnsorted(offset: shingleOffsets[Int(entry)], length: Int(shingleCounts[Int(entry)])) ?? []
    }

    private func signature(of entry: Int32) -> [UInt32] {
        Array(signatures[(Int(entry) * permutations)..<((Int(entry) + 1) * permutations)])
    }

    /// Whether a pair with these set sizes can reach `threshold` at all (|A∩B| ≤ min, |A∪B| ≥ max).
    func canReach(_ doc: DedupSignature, _ entry: Int32, threshold: Double) -> Bool {
        let a = Double(doc.shingleCount), b = Double(shingleCounts[Int(entry)])
        return min(a, b) >= threshold * max(a, b) - 1e-9
    }

    /// Exact Jaccard of two sets of distinct hashes in any order (`ctk_common_count`).
    static func jaccard(distinct a: [UInt64], _ b: [UInt64]) -> Double {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in jaccard(distinct: x, y) } }
    }

    /// `jaccard(distinct:_:)` over buffers.
    static func jaccard(distinct a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        let common = ctk_common_count(a.baseAddress, a.count, b.baseAddress, b.count)
        return Double(common) / Double(a.count + b.count - common)
    }

    /// `jaccard(distinct:_:)`, or below `threshold` some value below it; `set` as in `similarity`,
    /// for `a` (`ctk_common_count_reaching`).
    static func jaccard(distinct a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>, atLeast threshold: Double,
                        set: inout UInt64) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        let need = commonNeeded(a.count, b.count, threshold)
        let common = ctk_common_count_reaching(a.baseAddress, a.count, b.baseAddress, b.count, need, &set)
        return Double(common) / Double(a.count + b.count - common)
    }

    /// The fewest shared values that give sets of `n` and `m` distinct values a Jaccard (as
    /// `jaccard` computes it) of at least `threshold`; past min(n, m) when none do.
    static func commonNeeded(_ n: Int, _ m: Int, _ threshold: Double) -> Int {
        // Not above 0 (or not a number): every count reaches it, as no count can stop short of it.
        guard threshold > 0 else { return 0 }
        let most = min(n, m)
        func reaches(_ c: Int) -> Bool { n + m == c || Double(c) / Double(n + m - c) >= threshold }
        // J = c / (n + m - c) rises with c: from the real-valued root, stepped to the least c that reaches.
        // The root is clamped in Double first: at a threshold of infinity or near the largest Double it is
        // not a number or infinite, and no Int.
        let root = threshold * Double(n + m) / (1 + threshold)
        var c = root < Double(most) ? max(0, Int(root.rounded(.down))) : most
        while c > 0 && reaches(c - 1) { c -= 1 }
        while c <= most && !reaches(c) { c += 1 }
        return c
    }

    /// Exact Jaccard of two sorted sets of distinct hashes.
    package static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        var i = 0, j = 0, common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { common += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return Double(common) / Double(a.count + b.count - common)
    }

    /// The root of `entry`'s cluster (its first document), compressing the path.
    func find(_ entry: Int32) -> Int32 {
        var root = entry
        while parents[Int(root)] != root { root = parents[Int(root)] }
        var e = entry
        while parents[Int(e)] != root {
            let up = parents[Int(e)]
            parents[Int(e)] = root
            e = up
        }
        return root
    }

    /// Merges two clusters; the root is the earlier one.
    func union(_ a: Int32, _ b: Int32) {
        let ra = find(a), rb = find(b)
        if ra < rb { parents[Int(rb)] = ra } else if rb < ra { parents[Int(ra)] = rb }
    }

    /// Adds a document as its own cluster, or to `cluster`'s; returns its entry. Its shingle set
    /// is appended to the store, unless it is there already, at `shingleOffset`.
    @discardableResult
    func insert(id: String, signature doc: DedupSignature, cluster: Int32? = nil, shingleOffset: UInt64? = nil) -> Int32 {
        var offset: UInt64 = 0
        if let store { offset = shingleOffset ?? store.append(doc.shingles, sorted: doc.shinglesSorted) }
        return add(id: id, exactHash: doc.exactHash, length: UInt32(clamping: doc.length),
                   parent: cluster.map(find), bandKeys: doc.bandKeys,
                   shingleOffset: offset, shingleCount: UInt32(clamping: doc.shingleCount),
                   signature: store == nil ? doc.signature : [])
    }

    /// Replaces the LSH buckets with saved ones (after `add` of every saved entry without keys).
    func restoreBuckets(heads saved: EntryTable, chains savedChains: [Int32]) {
        heads = saved
        chains = savedChains
        // Slots found in the replaced table say nothing of this one.
        lookedUpKeys = []
        lookedUpCapacity = -1
    }

    /// Adds an entry with everything given (also used when loading a saved index).
    @discardableResult
    func add(id: String, exactHash: UInt64, length: UInt32, parent: Int32?, bandKeys keys: [UInt64],
             shingleOffset: UInt64, shingleCount: UInt32, signature: [UInt32]) -> Int32 {
        let entry = Int32(ids.count)
        ids.append(id)
        exactHashes.append(exactHash)
        lengths.append(length)
        parents.append(parent ?? entry)
        exact.insertIfAbsent(exactHash, entry)
        if keys.count == bands {
            // From the slots `candidates` found for these keys, if the table has not grown since.
            let hinted = keys == lookedUpKeys && heads.capacity == lookedUpCapacity
            if bandEntries.count != bands { bandEntries = [Int32](repeating: -1, count: bands) }
            keys.withUnsafeBufferPointer { query in
                lookedUpSlots.withUnsafeBufferPointer { slots in
                    bandEntries.withUnsafeMutableBufferPointer { previous in
                        heads.exchange(query, entry, slots: hinted ? slots.baseAddress : nil, previous: previous.baseAddress!)
                    }
                }
            }
            // One by one, so that the array grows as it did (its capacity is in `memoryBytes`).
            for previous in bandEntries { chains.append(previous) }
        } else {
            chains.append(contentsOf: repeatElement(-1, count: bands))
        }
        shingleCounts.append(shingleCount)
        if store != nil {
            shingleOffsets.append(shingleOffset)
        } else if signature.count == permutations {
            signatures.append(contentsOf: signature)
        } else {
            signatures.append(contentsOf: repeatElement(UInt32.max, count: permutations))
        }
        return entry
    }
}
