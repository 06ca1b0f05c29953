import CorpusCleanCore
import CorpusCleanStages
import Foundation
import Logging
import Synchronization

/// `--executor local`: runs a plan's tasks as processes of this machine, kind after kind
/// (`TaskKind` order), `tasks` processes at once, skipping tasks with a completion marker. A
/// failed task stops its process; the others finish, and a rerun of the same command runs
/// only the tasks without a marker.
public struct LocalExecutor {
    public let plan: TaskPlan
    public let tasks: Int
    public let command: TaskCommandLine
    public let logger: Logger

    public init(plan: TaskPlan, tasks: Int, command: TaskCommandLine, logger: Logger) {
        self.plan = plan
        self.tasks = max(1, tasks)
        self.command = command
        self.logger = logger
    }

    public func run() throws(InputError) {
        for kind in TaskKind.allCases {
            let pending = plan.pending(kind)
            guard !pending.isEmpty else { continue }
            logger.info("tasks", metadata: ["kind": "\(kind.rawValue)", "to_run": .stringConvertible(pending.count),
                                            "done_before": .stringConvertible(plan.count(kind) - pending.count)])
            let failed = runAll(kind, pending)
            if !failed.isEmpty {
                throw InputError(path: plan.workDirectory,
                                 message: "\(failed.count) process(es) of \(kind.rawValue) tasks failed (first task \(failed.map { "\($0.index): exit \($0.status)" }.joined(separator: ", "))); run the same command again to redo only the tasks without a completion marker")
            }
        }
    }

    /// Runs the `indices` of `kind` in at most `tasks` processes at once, each taking every
    /// `tasks`-th index (one process builds the stages once for its tasks); returns the
    /// processes that failed, by their first index.
    private func runAll(_ kind: TaskKind, _ indices: [Int]) -> [(index: Int, status: Int32)] {
        let group = DispatchGroup()
        let failures = Mutex<[(index: Int, status: Int32)]>([])
        let processes = min(tasks, indices.count)
        for slot in 0..<processes {
            let mine = stride(from: slot, to: indices.count, by: processes).map { indices[$0] }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: command.binary)
            process.arguments = command.arguments(kind, mine)
            group.enter()
            process.terminationHandler = { process in
                if process.terminationStatus != 0 || process.terminationReason != .exit {
                    failures.withLock { $0.append((mine[0], process.terminationStatus)) }
                }
                group.leave()
            }
            do {
                try process.run()
            } catch {
                failures.withLock { $0.append((mine[0], -1)) }
                group.leave()
            }
        }
        group.wait()
        return failures.withLock { $0.sorted { $0.index < $1.index } }
    }
}
