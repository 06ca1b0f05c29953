import CorpusCleanCore
import CorpusCleanStages
/// One task: the dedup decisions, made as `DedupStage.decide` makes them in-process, in the
/// global input order, from the band tasks' verified pairs and aliases. Writes, per shard,
/// `decisions-S.bin`: per dropped document in shard order, u64 its local number, u8 exact,
/// f64 similarity and its `duplicate_of` id (u32 length, UTF-8).
///
/// In-process, a document is indexed unless an earlier one has the same shingle set (then it
/// is a copy: `aliases`), and is compared with every indexed earlier document that shares a
/// band key, dropped or not. So a first-of-its-set document's matches are its verified pairs
/// with earlier documents; a copy's are its first and the first's verified partners before
/// it (or, with `exact` and the same exact hash as its first, the exact path: the root of its
/// first's cluster). The union-find is the index's: the root of a cluster is its earliest
/// document, and a dropped document names the root at the time it is decided.
///
/// Memory: the union-find parent of every document that reached dedup (4 bytes each), the
/// verified pairs twice (24 bytes each way) and the aliases (16 bytes each); the signatures
/// are read through mappings of the map tasks' files, for the few similarities to a root that
/// no pair holds and for the roots' ids.
struct ClusterTask {
    let context: TaskContext

    static func decisionsName(_ shard: Int) -> String { "decisions-\(shard).bin" }

    func run(into folder: String) throws(InputError) {
        guard let dedup = context.dedupStage else { return }
        let numbering = GlobalNumbering(try context.signatures(dedup))
        guard numbering.total < Int(Int32.max) else {
            throw InputError(path: context.plan.workDirectory, message: "more than 2^31 documents reached dedup")
        }
        let partners = try loadPairs(numbering.total)
        let aliases = try loadAliases()
        var parent = [Int32](repeating: -1, count: numbering.total)
        func find(_ e: Int) -> Int {
            var root = e
            while Int(parent[root]) != root { root = Int(parent[root]) }
            var x = e
            while Int(parent[x]) != root {
                let up = Int(parent[x])
                parent[x] = Int32(root)
                x = up
            }
            return root
        }
        func union(_ a: Int, _ b: Int) {
            let ra = find(a), rb = find(b)
            if ra < rb { parent[rb] = Int32(ra) } else if rb < ra { parent[ra] = Int32(rb) }
        }
        var writers = [BinaryWriter](repeating: BinaryWriter(), count: numbering.signatures.count)
        func drop(_ d: Int, root: Int, similarity: Double, exact: Bool) {
            let (s, i) = numbering.locate(d)
            writers[s].uint64(UInt64(i))
            writers[s].uint8(exact ? 1 : 0)
            writers[s].uint64(similarity.bitPattern)
            writers[s].string(numbering.id(root))
        }
        /// Joins `matches` (sorted by document) and returns the root and the similarity to it.
        func join(_ matches: [(document: Int, similarity: Double)], similarityOf member: Int) -> (Int, Double) {
            let first = matches[0].document
            for m in matches.dropFirst() { union(first, m.document) }
            let root = find(first)
            let similarity = matches.first(where: { $0.document == root })?.similarity ?? numbering.similarity(member, root)
            return (root, similarity)
        }
        let options = dedup.options
        var alias = 0
        for d in 0..<numbering.total {
            while alias < aliases.count && aliases[alias].copy < d { alias += 1 }
            let (s, i) = numbering.locate(d)
            let shingled = numbering.signatures[s].shingleCount(i) > 0
            if alias < aliases.count && aliases[alias].copy == d {
                let first = aliases[alias].first
                let (fs, fi) = numbering.locate(first)
                if !shingled {
                    if options.exact { drop(d, root: first, similarity: 1, exact: true) } else { parent[d] = Int32(d) }
                } else if options.exact && numbering.signatures[fs].exactHash(fi) == numbering.signatures[s].exactHash(i) {
                    let root = find(first)
                    drop(d, root: root, similarity: root == first ? 1 : numbering.similarity(first, root), exact: true)
                } else {
                    var matches = [(document: first, similarity: 1.0)]
                    matches += partners.of(first).filter { $0.document < d }
                    matches.sort { $0.document < $1.document }
                    let (root, similarity) = join(matches, similarityOf: first)
                    drop(d, root: root, similarity: similarity, exact: false)
                }
                continue
            }
            let matches = shingled ? partners.of(d).filter { $0.document < d } : []
            guard !matches.isEmpty else {
                parent[d] = Int32(d)
                continue
            }
            let (root, similarity) = join(matches, similarityOf: d)
            parent[d] = Int32(root)
            drop(d, root: root, similarity: similarity, exact: false)
        }
        for (s, w) in writers.enumerated() {
            try TaskFiles.writeAtomically(w.bytes, to: folder + "/" + Self.decisionsName(s))
        }
    }

    private func loadPairs(_ total: Int) throws(InputError) -> PairTable {
        var table = PairTable()
        for task in 0..<context.plan.bandTasks {
            var r = BinaryReader(try TaskFiles.read(context.plan.folder(.band, task) + "/" + BandTask.pairsName))
            while let a = r.uint64(), let b = r.uint64(), let bits = r.uint64() {
                table.add(Int(a), Int(b), Double(bitPattern: bits))
            }
        }
        table.finish()
        return table
    }

    private func loadAliases() throws(InputError) -> [(copy: Int, first: Int)] {
        var aliases: [(copy: Int, first: Int)] = []
        for task in 0..<context.plan.bandTasks {
            var r = BinaryReader(try TaskFiles.read(context.plan.folder(.band, task) + "/" + BandTask.aliasesName))
            while let copy = r.uint64(), let first = r.uint64() { aliases.append((Int(copy), Int(first))) }
        }
        aliases.sort { $0.copy < $1.copy }
        var unique: [(copy: Int, first: Int)] = []
        for a in aliases where unique.last?.copy != a.copy { unique.append(a) }
        return unique
    }
}
