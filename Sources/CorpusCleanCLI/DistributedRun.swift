import ArgumentParser
import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Foundation
import Logging

/// `run --executor local|slurm`: checks that the run can be split into tasks, writes the plan
/// in the work directory (or finds the same plan there, on a rerun) and hands it to the executor.
struct DistributedRun {
    let options: DistributedOptions
    let config: PipelineConfig
    let configPath: String?
    let inputPaths: [String]
    let outputDirectory: String
    /// --workers, when given.
    let workers: Int?
    let logger: Logger

    /// What the in-process run supports and the distributed one does not, as usage errors.
    static func refusal(config: PipelineConfig, run: RunCommand) -> String? {
        if run.dryRun { return "--dry-run" }
        if run.resume { return "--resume (a rerun of the same command goes on from the tasks' markers)" }
        if run.limit != nil { return "--limit" }
        if run.dumpStages != nil { return "--dump-stages" }
        if run.output == "-" { return "--output -" }
        if config.stages.contains(.dedup) {
            if config.stages.last != .dedup { return "a stage after dedup" }
            if config[DedupStage.self].keep != .first { return "dedup.keep \"\(config[DedupStage.self].keep.rawValue)\"" }
            if !config[DedupStage.self].index.isEmpty { return "a persistent dedup index (--dedup-index, dedup.index)" }
        }
        if !config.output.dolmaAttributes.isEmpty { return "output.dolma_attributes" }
        return nil
    }

    func run() throws {
        let job = RunJob(config: config, inputPaths: inputPaths, outputDirectory: outputDirectory, logger: logger)
        let inputs: InputSet
        do {
            inputs = try job.resolveInputs()
        } catch {
            logger.error("\(error.description)")
            throw error.isUsageError ? ExitStatus.usage : ExitStatus.failure
        }
        guard case let .shards(_, shards) = inputs else {
            logger.error("--executor \(options.executor) needs a sharded input (a shard folder, a glob or several files): its tasks are per shard")
            throw ExitStatus.usage
        }
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : cwd + "/" + path }
        let output = absolute(outputDirectory)
        let defaultWork = options.workDir == nil
        let workDirectory = absolute(options.workDir ?? outputDirectory + ".work")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let local = options.executor == "local"
        let tasks = options.tasks ?? (local ? cores : shards.count)
        let plan = TaskPlan(workDirectory: workDirectory, configPath: configPath.map(absolute), stages: config.stages,
                            workers: workers ?? config.workers,
                            inputs: inputPaths, shards: shards,
                            output: output, config: config, tasks: tasks)
        let command = TaskCommandLine(binary: Self.binary, workDirectory: workDirectory, logArguments: ["--log-format", "json"])
        do throws(InputError) {
            try plan.save()
            logger.info("run", metadata: ["executor": "\(options.executor)", "tasks": .stringConvertible(tasks),
                                          "shards": .stringConvertible(shards.count), "work_dir": "\(workDirectory)",
                                          "output": "\(output)"])
            if options.planOnly {
                print(TaskKind.allCases.map { "\($0.rawValue) \(plan.count($0))" }.joined(separator: "\n"))
                return
            }
            if local {
                try LocalExecutor(plan: plan, tasks: tasks, command: command, logger: logger).run()
            } else {
                let slurm = SlurmExecutor(plan: plan, tasks: tasks, command: command, settings: slurmSettings, logger: logger)
                let jobs = try slurm.submit()
                if options.detach {
                    print(jobs.map { $0.id }.joined(separator: " "))
                    return
                }
                try slurm.wait(for: jobs)
            }
        } catch {
            logger.error("\(error.description)")
            throw error.isUsageError ? ExitStatus.usage : ExitStatus.failure
        }
        if defaultWork && local { try? FileManager.default.removeItem(atPath: workDirectory) }
        try reportSummary(output)
    }

    private var slurmSettings: SlurmSettings {
        SlurmSettings(partition: options.partition, time: options.time, memory: options.mem, arrayThrottle: options.arrayThrottle,
                      extraArguments: options.sbatchArg)
    }

    /// Logs the committed summary's counts; exits 3 when documents had errors, as in-process.
    private func reportSummary(_ output: String) throws {
        guard let data = FileManager.default.contents(atPath: output + "/summary.json"),
              let summary = try? JSONParser.parse(Array(data)), let documents = summary["documents"] else {
            logger.error("\(output)/summary.json: the run ended without its summary")
            throw ExitStatus.failure
        }
        func count(_ key: String) -> Int { documents[key]?.doubleValue.map { Int($0) } ?? 0 }
        logger.info("done", metadata: ["documents": .stringConvertible(count("in")), "kept": .stringConvertible(count("kept")),
                                       "dropped": .stringConvertible(count("dropped")), "errors": .stringConvertible(count("error")),
                                       "output": "\(output)"])
        if count("error") > 0 { throw ExitStatus.documentErrors }
    }

    /// This executable, for the task processes and job scripts.
    static var binary: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
