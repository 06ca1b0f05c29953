import CorpusCleanCore
import CorpusCleanStages
/// Per input shard: the shard's map records with the cluster task's decisions applied, written
/// as an in-process run writes them: the cleaned shard (`docs/NAME`, through `ShardOutputs`,
/// so compressed to the same bytes), `manifest.jsonl`, `rejected.jsonl`, and the shard's
/// counters (`summary.json`) with every dedup drop counted.
struct ApplyTask {
    static let manifestName = "manifest.jsonl"
    static let rejectedName = "rejected.jsonl"

    let context: TaskContext
    let shard: Int

    func run(into folder: String) throws(InputError) {
        let plan = context.plan
        let map = plan.folder(.map, shard)
        var summary = try context.summary(at: map + "/" + MapTask.summaryName)
        var decisions = plan.dedups
            ? BinaryReader(try TaskFiles.read(plan.folder(.cluster, 0) + "/" + ClusterTask.decisionsName(shard))) : BinaryReader([])
        var next = Self.decision(&decisions)
        let docs = try ShardOutputs(names: [OutputCompression.shardName(plan.shards[shard].relative, option: context.config.output.compression)],
                                    staging: folder)
        let manifest = try BufferedFile(path: folder + "/" + Self.manifestName)
        let rejected = try BufferedFile(path: folder + "/" + Self.rejectedName)
        var records = BinaryReader(try TaskFiles.read(map + "/" + MapTask.recordsName))
        let dedupIndex = context.config.stages.firstIndex(of: .dedup)
        var active = 0
        while let kind = records.uint8() {
            guard let line = records.data(), let second = records.data() else { throw corrupt(map) }
            if kind == 0 {
                guard let third = records.data() else { throw corrupt(map) }
                try manifest.write(line)
                if !second.isEmpty { try rejected.write(second) }
                if !third.isEmpty { try docs.write(third, shard: 0) }
                continue
            }
            guard let dropManifest = records.data(), let dropRejected = records.data(), let bytes = records.uint64() else {
                throw corrupt(map)
            }
            defer { active += 1 }
            guard let decision = next, decision.local == active else {
                try manifest.write(line)
                try docs.write(second, shard: 0)
                continue
            }
            next = Self.decision(&decisions)
            try manifest.write(DropTemplate.fill(dropManifest, duplicateOf: decision.id, similarity: decision.similarity, exact: decision.exact))
            try rejected.write(DropTemplate.fill(dropRejected, duplicateOf: decision.id, similarity: decision.similarity, exact: decision.exact))
            summary.kept -= 1
            summary.dropped += 1
            summary.bytesOut -= Int(bytes)
            if let k = dedupIndex {
                summary.stages[k].documentsOut -= 1
                summary.stages[k].dropped[ReasonCode.duplicate(exact: decision.exact).rawValue, default: 0] += 1
            }
        }
        try docs.finishAll()
        try docs.checkpointWritten()
        try manifest.close()
        try rejected.close()
        try TaskFiles.writeAtomically(TaskContext.counters(summary), to: folder + "/" + MapTask.summaryName)
    }

    private func corrupt(_ folder: String) -> InputError {
        InputError(path: folder + "/" + MapTask.recordsName, message: "the map task's records end part-way")
    }

    private static func decision(_ r: inout BinaryReader) -> (local: Int, exact: Bool, similarity: Double, id: String)? {
        guard let local = r.uint64(), let exact = r.uint8(), let bits = r.uint64(), let id = r.string() else { return nil }
        return (Int(local), exact == 1, Double(bitPattern: bits), id)
    }
}
