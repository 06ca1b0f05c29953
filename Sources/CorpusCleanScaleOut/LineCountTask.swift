import CorpusCleanCore
import CorpusCleanStages
import Synchronization

/// Per input shard: for each corpus pre-pass (boilerplate's corpus repetition), in how many
/// of the shard's documents each key (normalized line hash) occurs, as the in-process pre-pass
/// counts them over the whole input: `counts-K.bin`, sorted by key, u64 key and u32 count.
struct LineCountTask {
    let context: TaskContext
    let shard: Int

    func run(into folder: String) throws(InputError) {
        let config = context.config
        let passes = TaskPlan.prepasses(config)
        var counts = [[UInt64: UInt32]](repeating: [:], count: passes.count)
        var reader = context.reader(shard)
        OrderedPipeline(workers: config.effectiveWorkers).run(produce: { () -> [(text: String, keys: [[UInt64]])]? in
            var batch: [(text: String, keys: [[UInt64]])] = []
            while batch.count < PipelineRunner.chunkSize, let doc = reader.next() {
                batch.append((doc.readError == nil ? doc.text : "", []))
            }
            return batch.isEmpty ? nil : batch
        }, transform: { batch in
            for i in batch.indices { batch[i].keys = passes.map { $0.keys(of: batch[i].text) } }
        }, consume: { batch in
            for item in batch {
                for (k, keys) in item.keys.enumerated() {
                    for key in keys where key != 0 { counts[k][key, default: 0] += 1 }
                }
            }
            return true
        })
        if let error = reader.streamError { throw error }
        for (k, table) in counts.enumerated() {
            var w = BinaryWriter()
            for key in table.keys.sorted() {
                w.uint64(key)
                w.uint32(table[key]!)
            }
            try TaskFiles.writeAtomically(w.bytes, to: folder + "/counts-\(k).bin")
        }
    }
}
