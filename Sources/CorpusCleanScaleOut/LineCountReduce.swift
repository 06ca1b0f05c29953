import CorpusCleanCore
import CorpusCleanStages
/// One task: sums every shard's counts (`LineCountTask`) and keeps, per pre-pass, the keys in
/// more documents than its threshold (`shared-K.bin`, sorted u64 keys): the lines the
/// in-process pre-pass finds shared. Each map task loads them (`load`).
struct LineCountReduce {
    let context: TaskContext

    func run(into folder: String) throws(InputError) {
        for (k, pass) in TaskPlan.prepasses(context.config).enumerated() {
            let threshold = try Self.threshold(pass)
            var entries: [(key: UInt64, count: UInt32)] = []
            for shard in context.plan.shards.indices {
                var r = BinaryReader(try TaskFiles.read(context.plan.folder(.count, shard) + "/counts-\(k).bin"))
                while let key = r.uint64(), let count = r.uint32() { entries.append((key, count)) }
            }
            entries.sort { $0.key < $1.key }
            var w = BinaryWriter()
            var i = 0
            while i < entries.count {
                var total = 0, j = i
                while j < entries.count && entries[j].key == entries[i].key {
                    total += Int(entries[j].count)
                    j += 1
                }
                if total > threshold { w.uint64(entries[i].key) }
                i = j
            }
            try TaskFiles.writeAtomically(w.bytes, to: folder + "/shared-\(k).bin")
        }
    }

    static func threshold(_ pass: any CorpusPrepass) throws(InputError) -> Int {
        guard let counts = pass as? CorpusLineCounts else {
            throw InputError(path: "\(type(of: pass))", message: "this corpus pre-pass cannot be split into tasks")
        }
        return counts.threshold
    }

    /// Gives each pre-pass its shared keys, counted one more time than its threshold, and
    /// finishes it: it then answers as after counting the whole input in-process.
    static func load(into passes: [any CorpusPrepass], from folder: String) throws(InputError) {
        for (k, pass) in passes.enumerated() {
            let threshold = try Self.threshold(pass)
            var r = BinaryReader(try TaskFiles.read(folder + "/shared-\(k).bin"))
            var shared: [UInt64] = []
            while let key = r.uint64() { shared.append(key) }
            for _ in 0...threshold { pass.count(shared) }
            try pass.finish()
        }
    }
}
