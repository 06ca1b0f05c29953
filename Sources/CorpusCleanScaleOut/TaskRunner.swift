import CorpusCleanCore
import CorpusCleanStages
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
    /// Runs tasks `indices` of `kind`, one after the other in this process (the stages are
    /// built once for all of them); each is skipped when its marker exists.
    public static func run(workDirectory: String, kind: TaskKind, indices: [Int], logger: Logger) throws(InputError) {
        guard let plan = try TaskPlan.load(workDirectory: workDirectory) else {
            throw InputError(path: workDirectory, message: "no task plan here (corpusclean run --executor ... writes it)", badArguments: true)
        }
        if let index = indices.first(where: { $0 < 0 || $0 >= plan.count(kind) }) {
            throw InputError(path: workDirectory, message: "the run has \(plan.count(kind)) \(kind.rawValue) tasks; there is no task \(index)",
                             badArguments: true)
        }
        let pending = indices.filter { index in
            guard plan.isDone(kind, index) else { return true }
            logger.info("task already done", metadata: ["task": "\(kind.rawValue) \(index)"])
            return false
        }
        guard !pending.isEmpty else { return }
        let context = try TaskContext(plan: plan, logger: logger)
        let stages = kind == .map ? try MapStages(context: context) : nil
        for index in pending { try run(context, kind, index, stages: stages) }
    }

    private static func run(_ context: TaskContext, _ kind: TaskKind, _ index: Int, stages: MapStages?) throws(InputError) {
        let plan = context.plan, workDirectory = plan.workDirectory
        let temporary = workDirectory + "/tmp/\(kind.rawValue)-\(index).\(getpid())"
        TaskFiles.remove(temporary)
        try TaskFiles.makeFolder(temporary)
        let start = Date()
        switch kind {
        case .count: try LineCountTask(context: context, shard: index).run(into: temporary)
        case .reduce: try LineCountReduce(context: context).run(into: temporary)
        case .map: try MapTask(context: context, stages: stages!, shard: index).run(into: temporary)
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
        context.logger.info("task done", metadata: ["task": "\(kind.rawValue) \(index)",
                                            "seconds": .stringConvertible((Date().timeIntervalSince(start) * 1000).rounded() / 1000)])
        if kind == .commit {
            for other in TaskKind.allCases where other != .commit { TaskFiles.remove(workDirectory + "/" + other.rawValue) }
            TaskFiles.remove(workDirectory + "/tmp")
        }
    }
}
