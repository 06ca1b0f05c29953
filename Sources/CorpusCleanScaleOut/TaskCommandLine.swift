import CorpusCleanCore
import CorpusCleanStages
/// The command line of tasks: `corpusclean task --work-dir W KIND [INDEX...]` (without INDEX the
/// task takes its index from the scheduler: `SLURM_ARRAY_TASK_ID` or `JOB_COMPLETION_INDEX`).
public struct TaskCommandLine: Sendable {
    public let binary: String
    public let workDirectory: String
    public let logArguments: [String]

    public init(binary: String, workDirectory: String, logArguments: [String] = []) {
        self.binary = binary
        self.workDirectory = workDirectory
        self.logArguments = logArguments
    }

    /// The arguments of tasks `indices` of `kind` (none: the index comes from the scheduler).
    public func arguments(_ kind: TaskKind, _ indices: [Int] = []) -> [String] {
        ["task", "--work-dir", workDirectory] + logArguments + [kind.rawValue] + indices.map(String.init)
    }
}
