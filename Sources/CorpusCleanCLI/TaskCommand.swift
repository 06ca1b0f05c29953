import ArgumentParser
import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Foundation

/// `corpusclean task`: one task of a distributed run (what `run --executor local|slurm`
/// starts, and what a Kubernetes Indexed Job runs).
struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Run one task of a distributed run (started by run --executor local or slurm, or by a Kubernetes Indexed Job).",
        discussion: """
        KIND is one of \(TaskKind.allCases.map(\.rawValue).joined(separator: ", ")), run in that order; \
        the plan in the work directory (written by run --executor) says how many of each there are. \
        Several indices run one after the other in this process. Without INDEX the index is taken from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX. A task \
        whose completion marker exists does nothing. See docs/scale-out.md.
        """)

    @Option(help: "The run's work directory (shared storage on a cluster).")
    var workDir: String

    @Option(help: "Log format: auto, text or json.")
    var logFormat: String = "auto"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    @Argument(help: "The kind of task.")
    var kind: String

    @Argument(help: "The tasks' indices, run one after the other (default: $SLURM_ARRAY_TASK_ID or $JOB_COMPLETION_INDEX, else 0).")
    var indices: [Int] = []

    func run() throws {
        guard let kind = TaskKind(rawValue: kind) else {
            throw ValidationError("unknown task kind \"\(kind)\"; valid: \(TaskKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let environment = ProcessInfo.processInfo.environment
        let indices = indices.isEmpty
            ? [(environment["SLURM_ARRAY_TASK_ID"] ?? environment["JOB_COMPLETION_INDEX"]).flatMap { Int($0) } ?? 0] : indices
        let console = Console(logFormat: logFormat, logLevel: logLevel)
        do {
            try TaskRunner.run(workDirectory: workDir, kind: kind, indices: indices, logger: console.logger)
        } catch {
            console.logger.error("task \(kind.rawValue) \(indices.map(String.init).joined(separator: " ")): \(error.description)")
            throw error.isUsageError ? ExitStatus.usage : ExitStatus.failure
        }
    }
}
