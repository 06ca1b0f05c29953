import Foundation
import Logging
import Synchronization

/// `--executor local`: runs a plan's tasks as processes of this machine, kind after kind
/// (`TaskKind` order), at most `tasks` at once, skipping those with a completion marker. A
/// failed task stops the launching of others; the ones running finish, and a rerun of the same
/// command runs only the tasks without a marker.
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
                                 message: "\(failed.count) \(kind.rawValue) task(s) failed (\(failed.map { "\($0.index): exit \($0.status)" }.joined(separator: ", "))); run the same command again to redo only the tasks without a completion marker")
            }
        }
    }

    /// Runs the `indices` of `kind`, `tasks` at a time; returns the failed ones.
    private func runAll(_ kind: TaskKind, _ indices: [Int]) -> [(index: Int, status: Int32)] {
        let slots = DispatchSemaphore(value: tasks)
        let group = DispatchGroup()
        let failures = Mutex<[(index: Int, status: Int32)]>([])
        for index in indices {
            slots.wait()
            if !failures.withLock({ $0.isEmpty }) {
                slots.signal()
                break
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: command.binary)
            process.arguments = command.arguments(kind, index)
            group.enter()
            process.terminationHandler = { process in
                if process.terminationStatus != 0 || process.terminationReason != .exit {
                    failures.withLock { $0.append((index, process.terminationStatus)) }
                }
                slots.signal()
                group.leave()
            }
            do {
                try process.run()
            } catch {
                failures.withLock { $0.append((index, -1)) }
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        return failures.withLock { $0.sorted { $0.index < $1.index } }
    }
}
