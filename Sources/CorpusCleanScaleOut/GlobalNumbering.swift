import CorpusCleanCore
import CorpusCleanStages
/// Numbers the documents that reached dedup across shards, in the global input order (shard
/// order, then line order): shard s's document i is `bases[s] + i`. This is the order of
/// the in-process dedup index's entries, so keep-first and cluster roots follow it.
struct GlobalNumbering {
    let signatures: [ShardSignatures]
    let bases: [Int]
    let total: Int

    init(_ signatures: [ShardSignatures]) {
        self.signatures = signatures
        var bases: [Int] = []
        var total = 0
        for shard in signatures {
            bases.append(total)
            total += shard.count
        }
        self.bases = bases
        self.total = total
    }

    /// The shard and local number of global document `g`.
    func locate(_ g: Int) -> (shard: Int, local: Int) {
        var low = 0, high = bases.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if bases[mid] <= g { low = mid } else { high = mid - 1 }
        }
        return (low, g - bases[low])
    }

    func similarity(_ a: Int, _ b: Int) -> Double {
        let x = locate(a), y = locate(b)
        return ShardSignatures.similarity(signatures[x.shard], x.local, signatures[y.shard], y.local)
    }

    func id(_ g: Int) -> String {
        let x = locate(g)
        return signatures[x.shard].id(x.local)
    }
}
