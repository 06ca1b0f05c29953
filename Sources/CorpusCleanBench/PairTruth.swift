/// Every pair of shingle sets with Jaccard similarity at or above a threshold, exactly: an
/// inverted index over each set's prefix in rarest-first order (AllPairs' prefix filter: two
/// sets with J ≥ t always share a shingle among the first |x| - ⌈t|x|⌉ + 1 of the smaller one),
/// then the exact Jaccard of every pair that shares an indexed shingle.
enum PairTruth {
    struct Pair: Hashable {
        let a: Int
        let b: Int
    }

    /// Pairs (a < b) of non-empty sets with J ≥ `threshold`, with their Jaccard.
    static func pairs(_ sets: [[UInt64]], threshold: Double) -> [Pair: Double] {
        var frequency: [UInt64: Int32] = [:]
        for set in sets { for h in set { frequency[h, default: 0] += 1 } }
        let order = frequency.keys.sorted { (frequency[$0]!, $0) < (frequency[$1]!, $1) }
        var rank: [UInt64: Int32] = [:]
        rank.reserveCapacity(order.count)
        for (i, h) in order.enumerated() { rank[h] = Int32(i) }
        let ranked: [[Int32]] = sets.map { $0.map { rank[$0]! }.sorted() }
        let bySize = sets.indices.filter { !sets[$0].isEmpty }.sorted { (sets[$0].count, $0) < (sets[$1].count, $1) }

        var postings: [Int32: [Int32]] = [:]
        var stamp = [Int32](repeating: -1, count: sets.count)
        var result: [Pair: Double] = [:]
        for x in bySize {
            let size = ranked[x].count
            let prefix = size - Int((threshold * Double(size) - 1e-9).rounded(.up)) + 1
            for token in ranked[x].prefix(prefix) {
                for y in postings[token] ?? [] where y != Int32(x) && stamp[Int(y)] != Int32(x) {
                    stamp[Int(y)] = Int32(x)
                    guard Double(ranked[Int(y)].count) >= threshold * Double(size) - 1e-9 else { continue }
                    let j = jaccard(ranked[x], ranked[Int(y)])
                    if j >= threshold { result[Pair(a: min(x, Int(y)), b: max(x, Int(y)))] = j }
                }
                postings[token, default: []].append(Int32(x))
            }
        }
        return result
    }

    static func jaccard<T: Comparable>(_ a: [T], _ b: [T]) -> Double {
        var i = 0, j = 0, common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { common += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return Double(common) / Double(max(1, a.count + b.count - common))
    }
}
