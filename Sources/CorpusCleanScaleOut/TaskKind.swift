import CorpusCleanCore
import CorpusCleanStages
/// The kinds of task of a distributed run, in the order they run (each kind waits for every
/// task of the kinds before it). See docs/scale-out.md for what each reads and writes.
public enum TaskKind: String, CaseIterable, Sendable {
    /// Per input shard: the line-hash counts of boilerplate's corpus repetition.
    case count
    /// One task: the shards' counts summed into the lines that are shared corpus-wide.
    case reduce
    /// Per input shard: the per-document stages, the encoded records and the dedup signatures.
    case map
    /// Per group of LSH bands: the verified candidate pairs of every shard's documents.
    case band
    /// One task: the dedup decisions, in the global input order.
    case cluster
    /// Per input shard: the cleaned shard, its manifest and rejected lines, its counters.
    case apply
    /// One task: the output directory, committed as an in-process run commits it.
    case commit
}
