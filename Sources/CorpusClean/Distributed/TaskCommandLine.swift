/// The command line of a task: `corpusclean task --work-dir W KIND [INDEX]` (without INDEX the
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

    public func arguments(_ kind: TaskKind, _ index: Int? = nil) -> [String] {
        ["task", "--work-dir", workDirectory] + logArguments + [kind.rawValue] + (index.map { [String($0)] } ?? [])
    }
}
