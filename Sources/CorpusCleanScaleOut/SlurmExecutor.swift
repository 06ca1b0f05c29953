import CorpusCleanCore
import CorpusCleanStages
import Foundation
import Logging

/// `--executor slurm`: submits one job array per task kind for the tasks without a completion
/// marker, each array after the previous one (`--dependency=afterok:ID`,
/// `--kill-on-invalid-dep=yes`, so that a failed task cancels what waits on it), then waits,
/// watching the markers for progress and `squeue` for failures. A rerun of the same command
/// submits only the tasks without a marker. Job scripts and logs live in the work directory
/// (`slurm/KIND.sh`, `logs/KIND-INDEX.log`), which must be on storage every node sees.
public struct SlurmExecutor {
    public let plan: TaskPlan
    public let tasks: Int
    public let command: TaskCommandLine
    public let settings: SlurmSettings
    public let logger: Logger
    /// How often `wait` looks (seconds).
    public var pollInterval = 1.0

    public init(plan: TaskPlan, tasks: Int, command: TaskCommandLine, settings: SlurmSettings, logger: Logger) {
        self.plan = plan
        self.tasks = tasks
        self.command = command
        self.settings = settings
        self.logger = logger
    }

    /// The batch script of `kind`: the task command, its index from `SLURM_ARRAY_TASK_ID`.
    public func script(_ kind: TaskKind) -> String {
        let words = [command.binary] + command.arguments(kind)
        return """
        #!/bin/sh
        # corpusclean \(kind.rawValue) tasks of the run planned in \(plan.workDirectory)
        exec \(words.map(Self.quoted).joined(separator: " "))

        """
    }

    /// The sbatch arguments that submit `indices` of `kind` as one array after `dependency`.
    public func sbatchArguments(_ kind: TaskKind, indices: [Int], dependency: String?, script: String) -> [String] {
        var arguments = ["--parsable", "--job-name=corpusclean-\(kind.rawValue)",
                         "--output=\(plan.workDirectory)/logs/\(kind.rawValue)-%a.log",
                         "--array=\(Self.ranges(indices))" + (settings.arrayThrottle.map { "%\($0)" } ?? "")]
        if let dependency { arguments += ["--dependency=afterok:\(dependency)", "--kill-on-invalid-dep=yes"] }
        if let partition = settings.partition { arguments.append("--partition=\(partition)") }
        if let time = settings.time { arguments.append("--time=\(time)") }
        if let memory = settings.memory { arguments.append("--mem=\(memory)") }
        return arguments + settings.extraArguments + [script]
    }

    /// `0-3,5,7-8`: the indices as Slurm array ranges.
    public static func ranges(_ indices: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        let sorted = indices.sorted()
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i])-\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }

    static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Submits the pending tasks of every kind, chained; returns the jobs (none when every
    /// task is done).
    public func submit() throws(InputError) -> [SlurmJob] {
        try TaskFiles.makeFolder(plan.workDirectory + "/slurm")
        try TaskFiles.makeFolder(plan.workDirectory + "/logs")
        var jobs: [SlurmJob] = []
        for kind in TaskKind.allCases {
            let pending = plan.pending(kind)
            guard !pending.isEmpty else { continue }
            let path = plan.workDirectory + "/slurm/\(kind.rawValue).sh"
            try TaskFiles.writeAtomically(Array(script(kind).utf8), to: path)
            let arguments = sbatchArguments(kind, indices: pending, dependency: jobs.last?.id, script: path)
            let result = Self.execute("sbatch", arguments)
            let id = result.output.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            guard result.status == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
                throw InputError(path: "sbatch", message: "submitting the \(kind.rawValue) tasks failed (exit \(result.status)): \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            jobs.append(SlurmJob(kind: kind, id: id, indices: pending))
            logger.info("submitted", metadata: ["kind": "\(kind.rawValue)", "job": "\(id)", "tasks": .stringConvertible(pending.count)])
        }
        return jobs
    }

    /// Waits until every task is done (its marker), logging progress; throws when a job ends
    /// without its markers (a task failed, or was cancelled after one did).
    public func wait(for jobs: [SlurmJob]) throws(InputError) {
        var reported = ""
        while true {
            let done = TaskKind.allCases.map { plan.count($0) - plan.pending($0).count }
            let progress = zip(TaskKind.allCases, done).filter { plan.count($0.0) > 0 }
                .map { "\($0.0.rawValue) \($0.1)/\(plan.count($0.0))" }.joined(separator: ", ")
            if progress != reported {
                logger.info("progress", metadata: ["tasks": "\(progress)"])
                reported = progress
            }
            if plan.pending(.commit).isEmpty { return }
            let result = Self.execute("squeue", ["-h", "-t", "all", "-j", jobs.map(\.id).joined(separator: ","), "-o", "%i|%T"])
            if result.status == 0, let failure = Self.failure(squeue: result.output, plan: plan, jobs: jobs) {
                throw InputError(path: plan.workDirectory, message: "\(failure); run the same command again to resubmit only the tasks without a completion marker (logs: \(plan.workDirectory)/logs)")
            }
            Thread.sleep(forTimeInterval: pollInterval)
        }
    }

    /// What went wrong, from `squeue -h -t all -o '%i|%T'` lines, once no job of the run is
    /// pending or running (so that no task of it runs on while the command is rerun): a task
    /// that failed or was cancelled, or jobs that ended with tasks not done; nil until then.
    public static func failure(squeue output: String, plan: TaskPlan, jobs: [SlurmJob]) -> String? {
        let live: Set<String> = ["PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING"]
        var failed: String?
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if live.contains(parts[1]) { return nil }
            if parts[1] != "COMPLETED" && failed == nil {
                let id = parts[0].split(separator: "_").first.map(String.init) ?? parts[0]
                let job = jobs.first { $0.id == id }
                failed = "Slurm job \(parts[0]) (\(job?.kind.rawValue ?? "?") tasks) ended \(parts[1])"
            }
        }
        if let failed { return failed }
        return plan.pending(.commit).isEmpty ? nil : "the jobs ended without finishing every task"
    }

    static func execute(_ tool: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return (-1, "cannot run \(tool): \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
