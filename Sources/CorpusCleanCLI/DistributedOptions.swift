import ArgumentParser

/// The options of `run` that spread a run over processes or a Slurm cluster.
struct DistributedOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Where the run executes: inprocess (default), local (task processes on this machine) or slurm (job arrays); see docs/scale-out.md.",
                               valueName: "executor"))
    var executor: String = "inprocess"

    @Option(help: "With --executor local or slurm: tasks at once (local; default: one per core) or per task kind (slurm; default: the shard count).")
    var tasks: Int?

    @Option(help: "With --executor local or slurm: the work directory of the tasks' files (shared storage on a cluster; default: OUTPUT.work).")
    var workDir: String?

    @Option(help: "Slurm partition (sbatch --partition).")
    var partition: String?

    @Option(help: "Slurm time limit per task (sbatch --time), e.g. 2:00:00.")
    var time: String?

    @Option(help: "Slurm memory per task (sbatch --mem), e.g. 8G.")
    var mem: String?

    @Option(help: "Slurm array throttle: at most K tasks of an array at once (%K).")
    var arrayThrottle: Int?

    @Option(help: "An extra sbatch argument (repeatable), e.g. --sbatch-arg=--account=proj.")
    var sbatchArg: [String] = []

    @Flag(help: "With --executor slurm: submit the jobs, print their ids and exit without waiting.")
    var detach = false

    @Flag(help: "With --executor local or slurm: write the plan in the work directory, print each task kind's count, and exit (for another scheduler).")
    var planOnly = false

    var isDistributed: Bool { executor != "inprocess" }

    func validate() throws {
        guard ["inprocess", "local", "slurm"].contains(executor) else {
            throw ValidationError("--executor must be inprocess, local or slurm")
        }
        if let tasks, tasks < 1 { throw ValidationError("--tasks must be 1 or more") }
        if let arrayThrottle, arrayThrottle < 1 { throw ValidationError("--array-throttle must be 1 or more") }
        let slurmOnly = partition != nil || time != nil || mem != nil || arrayThrottle != nil || !sbatchArg.isEmpty || detach
        if executor != "slurm" && slurmOnly {
            throw ValidationError("--partition, --time, --mem, --array-throttle, --sbatch-arg and --detach need --executor slurm")
        }
        if !isDistributed && (tasks != nil || workDir != nil || planOnly) {
            throw ValidationError("--tasks, --work-dir and --plan-only need --executor local or slurm")
        }
    }
}
