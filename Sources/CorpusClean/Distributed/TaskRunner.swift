import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Runs one task of a distributed run (`corpusclean task`), idempotently: a task whose
/// completion marker exists does nothing; otherwise it writes its outputs in a temporary
/// folder (`tmp/KIND-INDEX.PID`), renames that to its folder (`KIND/INDEX`), and then writes
/// its marker (`done/KIND-INDEX`, under a temporary name and renamed). A task killed at any
/// point has no marker, and runs again from the start when asked again.
public enum TaskRunner {
    public static func run(workDirectory: String, kind: TaskKind, index: Int, logger: Logger) throws(InputError) {
        guard let plan = try TaskPlan.load(workDirectory: workDirectory) else {
            throw InputError(path: workDirectory, message: "no task plan here (corpusclean run --executor ... writes it)", badArguments: true)
        }
        guard index >= 0, index < plan.count(kind) else {
            throw InputError(path: workDirectory, message: "the run has \(plan.count(kind)) \(kind.rawValue) tasks; there is no task \(index)",
                             badArguments: true)
        }
        if plan.isDone(kind, index) {
            logger.info("task already done", metadata: ["task": "\(kind.rawValue) \(index)"])
            return
        }
        let context = try TaskContext(plan: plan, logger: logger)
        let temporary = workDirectory + "/tmp/\(kind.rawValue)-\(index).\(getpid())"
        TaskFiles.remove(temporary)
        try TaskFiles.makeFolder(temporary)
        let start = Date()
        switch kind {
        case .count: try LineCountTask(context: context, shard: index).run(into: temporary)
        case .reduce: try LineCountReduce(context: context).run(into: temporary)
        case .map: try MapTask(context: context, shard: index).run(into: temporary)
        case .band: try BandTask(context: context, task: index).run(into: temporary)
        case .cluster: try ClusterTask(context: context).run(into: temporary)
        case .apply: try ApplyTask(context: context, shard: index).run(into: temporary)
        case .commit: try CommitTask(context: context).run(into: temporary)
        }
        let folder = plan.folder(kind, index)
        TaskFiles.remove(folder)
        try TaskFiles.makeFolder((folder as NSString).deletingLastPathComponent)
        guard rename(temporary, folder) == 0 else { throw TaskFiles.fail(folder, "cannot rename \(temporary) into place") }
        try TaskFiles.writeAtomically(Array("\(kind.rawValue) \(index) done by pid \(getpid())\n".utf8), to: plan.marker(kind, index))
        logger.info("task done", metadata: ["task": "\(kind.rawValue) \(index)",
                                            "seconds": .stringConvertible((Date().timeIntervalSince(start) * 1000).rounded() / 1000)])
        if kind == .commit {
            for other in TaskKind.allCases where other != .commit { TaskFiles.remove(workDirectory + "/" + other.rawValue) }
            TaskFiles.remove(workDirectory + "/tmp")
        }
    }
}
