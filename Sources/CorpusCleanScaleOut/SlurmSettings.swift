import CorpusCleanCore
import CorpusCleanStages
/// What a Slurm user sets for the jobs of `--executor slurm`.
public struct SlurmSettings: Sendable, Equatable {
    public var partition: String?
    public var time: String?
    public var memory: String?
    /// At most this many tasks of an array at once (`--array=...%K`).
    public var arrayThrottle: Int?
    /// Passed to sbatch as they are (`--sbatch-arg`).
    public var extraArguments: [String]

    public init(partition: String? = nil, time: String? = nil, memory: String? = nil, arrayThrottle: Int? = nil,
                extraArguments: [String] = []) {
        self.partition = partition
        self.time = time
        self.memory = memory
        self.arrayThrottle = arrayThrottle
        self.extraArguments = extraArguments
    }
}
