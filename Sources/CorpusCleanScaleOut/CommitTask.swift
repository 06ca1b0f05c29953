import CorpusCleanCore
import CorpusCleanStages
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One task, last: puts the output directory in place as an in-process run over the same
/// input does, through the same commit (`OutputCommit`, under the output's lock): the cleaned
/// shards linked from the apply tasks into `.staging/docs/`, their manifest and rejected lines
/// concatenated in shard order, and `summary.json` from their counters summed. Its own folder
/// in the work directory stays empty; once the commit is made the task removes the other tasks'
/// folders (the output is whole, nothing is left to redo).
struct CommitTask {
    let context: TaskContext

    func run(into folder: String) throws(InputError) {
        let plan = context.plan
        let output = plan.output
        let lock = try OutputLock(directory: output)
        defer { withExtendedLifetime(lock) {} }
        if try OutputCommit.recover(directory: output) != nil {
            context.logger.warning("finished the commit of an interrupted run", metadata: ["output": "\(output)"])
        }
        let staging = (output as NSString).appendingPathComponent(".staging")
        TaskFiles.remove(staging)
        try TaskFiles.makeFolder(staging + "/" + OutputWriter.docsName)
        let manifest = try BufferedFile(path: staging + "/" + OutputWriter.manifestName)
        let rejected = try BufferedFile(path: staging + "/" + OutputWriter.rejectedName)
        var summary = context.emptySummary()
        for shard in plan.shards.indices {
            let apply = plan.folder(.apply, shard)
            let name = OutputCompression.shardName(plan.shards[shard].relative, option: context.config.output.compression)
            try TaskFiles.link(apply + "/" + OutputWriter.docsName + "/" + name, to: staging + "/" + OutputWriter.docsName + "/" + name)
            try TaskFiles.append(apply + "/" + ApplyTask.manifestName, to: manifest)
            try TaskFiles.append(apply + "/" + ApplyTask.rejectedName, to: rejected)
            summary.add(try context.summary(at: apply + "/" + MapTask.summaryName))
        }
        try manifest.close()
        try rejected.close()
        summary.seconds = Self.elapsed(since: plan)
        try TaskFiles.writeAtomically(summary.json(), to: staging + "/" + OutputWriter.summaryName)
        Glibc.sync()
        let names = [OutputWriter.docsName, OutputWriter.rejectedName, OutputWriter.manifestName, OutputWriter.summaryName]
        let (moves, removals) = OutputWriter.commitSteps(directory: output, staging: staging, names: names, also: [])
        try OutputCommit.perform(directory: output, moves: moves, removals: removals, run: nil)
        context.logger.info("committed", metadata: ["output": "\(output)", "documents": .stringConvertible(summary.documents)])
    }

    /// Seconds since the plan was written (the run's wall time, for summary.json's timing).
    static func elapsed(since plan: TaskPlan) -> Double {
        var info = stat()
        guard stat(plan.workDirectory + "/" + TaskPlan.fileName, &info) == 0 else { return 0 }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec - info.st_mtim.tv_sec) + Double(now.tv_nsec - info.st_mtim.tv_nsec) / 1e9
    }
}
