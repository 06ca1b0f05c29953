import CorpusCleanCore
import CorpusCleanStages
/// A job array submitted for the pending tasks of one kind.
public struct SlurmJob: Sendable, Equatable {
    public let kind: TaskKind
    public let id: String
    public let indices: [Int]
}
