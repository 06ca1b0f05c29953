import CorpusCleanCore
import CorpusCleanStages
import Logging

/// What every task has: the plan, the config it runs, and a logger.
struct TaskContext {
    let plan: TaskPlan
    let config: PipelineConfig
    let logger: Logger

    init(plan: TaskPlan, logger: Logger) throws(InputError) {
        self.plan = plan
        config = try plan.config()
        self.logger = logger
    }

    /// A reader of input shard `shard` alone, reading as a run over the whole input reads it
    /// (its documents' sources name it by its relative path).
    func reader(_ shard: Int) -> ShardReader {
        let output = config.output
        let annotationField = output.annotations && output.annotationKey != RecordEncoder.ownKey ? output.annotationKey : nil
        return ShardReader(shards: [plan.shards[shard]], idField: config.input.idField, textField: config.input.textField,
                           annotationField: annotationField, decoder: ByteDecoder(invalidUTF8: config.input.invalidUTF8),
                           maxDocumentBytes: config.input.maxDocumentBytes)
    }

    var encoder: RecordEncoder { RecordEncoder(output: config.output, input: config.input) }

    func emptySummary() -> RunSummary {
        RunSummary(stages: config.stages, configHash: config.configHash, input: plan.inputString)
    }

    /// The run's dedup stage (its options and LSH parameters), when dedup runs.
    var dedupStage: DedupStage? { TaskPlan.dedupStage(config) }

    /// The signatures of every shard, as their map tasks wrote them.
    func signatures(_ dedup: DedupStage) throws(InputError) -> [ShardSignatures] {
        var all: [ShardSignatures] = []
        let permutations = dedup.options.verify == .exact ? 0 : dedup.options.permutations
        for shard in plan.shards.indices {
            all.append(try ShardSignatures(folder: plan.folder(.map, shard), bands: dedup.lsh.bands, permutations: permutations))
        }
        return all
    }

    /// The counters in a task's `summary.json` (written by `RunSummary.checkpointJSON`).
    func summary(at path: String) throws(InputError) -> RunSummary {
        var summary = emptySummary()
        guard summary.restore(checkpoint: try TaskFiles.readJSON(path)) else {
            throw InputError(path: path, message: "the counters do not match the stages")
        }
        return summary
    }

    static func counters(_ summary: RunSummary) -> [UInt8] {
        var w = JSONWriter()
        summary.checkpointJSON(&w)
        w.newline()
        return w.bytes
    }
}
