import CorpusCleanCore
import CorpusCleanStages
/// Per group of LSH bands (band b goes to task b mod the band task count): gathers every
/// shard's key of the band, and in each bucket (documents with the same key) verifies the
/// candidate pairs as `DedupStage` verifies a candidate (size filter, then similarity at least
/// the threshold). Writes `pairs.bin` (u64 earlier, u64 later, f64 similarity, global numbers).
///
/// Only the first document of each shingle set in a bucket takes part: a document with the
/// same set as an earlier one is never in the in-process index, and is in every bucket that
/// one is in, so the task of band 0 names its first (`aliases.bin`: u64 document, u64 first).
/// It does the same, by exact hash, for the documents without shingles, which have no band
/// keys. A pair whose keys also agree in a lower band is left to that band's task, so each
/// pair is verified once.
struct BandTask {
    static let pairsName = "pairs.bin"
    static let aliasesName = "aliases.bin"

    let context: TaskContext
    let task: Int

    func run(into folder: String) throws(InputError) {
        guard let dedup = context.dedupStage else { return }
        let numbering = GlobalNumbering(try context.signatures(dedup))
        let threshold = dedup.options.threshold
        var pairs = BinaryWriter()
        var aliases = BinaryWriter()
        var band = task
        while band < dedup.lsh.bands {
            var entries: [(key: UInt64, document: Int)] = []
            for (s, shard) in numbering.signatures.enumerated() {
                for i in 0..<shard.count where shard.shingleCount(i) > 0 {
                    entries.append((shard.bandKey(i, band), numbering.bases[s] + i))
                }
            }
            entries.sort { ($0.key, $0.document) < ($1.key, $1.document) }
            var start = 0
            while start < entries.count {
                var end = start + 1
                while end < entries.count && entries[end].key == entries[start].key { end += 1 }
                let members = entries[start..<end].map(\.document)
                let (firsts, copies) = collapse(members, numbering: numbering)
                if band == 0 {
                    for (copy, first) in copies {
                        aliases.uint64(UInt64(copy))
                        aliases.uint64(UInt64(first))
                    }
                }
                verify(firsts, band: band, threshold: threshold, numbering: numbering, into: &pairs)
                start = end
            }
            band += context.plan.bandTasks
        }
        if task == 0 { aliasExactCopiesWithoutShingles(numbering, into: &aliases) }
        try TaskFiles.writeAtomically(pairs.bytes, to: folder + "/" + Self.pairsName)
        try TaskFiles.writeAtomically(aliases.bytes, to: folder + "/" + Self.aliasesName)
    }

    /// The first document of each set key among `members` (in order), and the others, each
    /// with its first.
    private func collapse(_ members: [Int], numbering: GlobalNumbering) -> (firsts: [Int], copies: [(Int, Int)]) {
        guard members.count > 1 else { return (members, []) }
        var first: [UInt64: Int] = [:]
        var firsts: [Int] = []
        var copies: [(Int, Int)] = []
        for g in members {
            let (s, i) = numbering.locate(g)
            let key = numbering.signatures[s].setKey(i)
            if let earlier = first[key] {
                copies.append((g, earlier))
            } else {
                first[key] = g
                firsts.append(g)
            }
        }
        return (firsts, copies)
    }

    private func verify(_ firsts: [Int], band: Int, threshold: Double, numbering: GlobalNumbering, into pairs: inout BinaryWriter) {
        guard firsts.count > 1 else { return }
        let located = firsts.map(numbering.locate)
        for j in 1..<located.count {
            let (bs, bi) = located[j]
            let b = numbering.signatures[bs]
            for i in 0..<j {
                let (as_, ai) = located[i]
                let a = numbering.signatures[as_]
                if (0..<band).contains(where: { a.bandKey(ai, $0) == b.bandKey(bi, $0) }) { continue }
                let x = Double(a.shingleCount(ai)), y = Double(b.shingleCount(bi))
                guard min(x, y) >= threshold * max(x, y) - 1e-9 else { continue }
                let similarity = ShardSignatures.similarity(a, ai, b, bi)
                guard similarity >= threshold else { continue }
                pairs.uint64(UInt64(firsts[i]))
                pairs.uint64(UInt64(firsts[j]))
                pairs.uint64(similarity.bitPattern)
            }
        }
    }

    /// Documents without shingles (no tokens, or near-dedup off) are indexed by exact hash
    /// only: each names the first with its exact hash.
    private func aliasExactCopiesWithoutShingles(_ numbering: GlobalNumbering, into aliases: inout BinaryWriter) {
        var first: [UInt64: Int] = [:]
        for (s, shard) in numbering.signatures.enumerated() {
            for i in 0..<shard.count where shard.shingleCount(i) == 0 {
                let g = numbering.bases[s] + i
                if let earlier = first[shard.exactHash(i)] {
                    aliases.uint64(UInt64(g))
                    aliases.uint64(UInt64(earlier))
                } else {
                    first[shard.exactHash(i)] = g
                }
            }
        }
    }
}
