import Foundation
import Logging
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The Slurm executor's job scripts, sbatch arguments and reading of squeue, without a cluster.
@Suite struct SlurmExecutorTests {
    static func executor(_ settings: SlurmSettings, work: String = "/shared/run.work") throws -> SlurmExecutor {
        let shards = (0..<8).map { InputShard(path: "/shared/in/p\($0).jsonl", relative: "p\($0).jsonl", isWET: false) }
        let plan = TaskPlan(workDirectory: work, configPath: nil, stages: StageRegistry.builtIn.names, workers: 0,
                            inputs: ["/shared/in"], shards: shards, output: "/shared/out", config: PipelineConfig.defaults(), tasks: 4)
        return SlurmExecutor(plan: plan, tasks: 4, command: TaskCommandLine(binary: "/opt/cc's/corpusclean", workDirectory: work),
                             settings: settings, logger: TestSupport.logger)
    }

    @Test func rangesCompressIndices() {
        #expect(SlurmExecutor.ranges([0, 1, 2, 3]) == "0-3")
        #expect(SlurmExecutor.ranges([7, 0, 1, 3, 5, 6]) == "0-1,3,5-7")
        #expect(SlurmExecutor.ranges([4]) == "4")
    }

    @Test func sbatchArgumentsChainArraysWithEveryOption() throws {
        let settings = SlurmSettings(partition: "cpu", time: "2:00:00", memory: "8G", arrayThrottle: 3,
                                     extraArguments: ["--account=proj", "--qos=low"])
        let slurm = try Self.executor(settings)
        #expect(slurm.sbatchArguments(.map, indices: [0, 1, 2, 5], dependency: "41", script: "/s/map.sh") == [
            "--parsable", "--job-name=corpusclean-map", "--output=/shared/run.work/logs/map-%a.log", "--array=0-2,5%3",
            "--dependency=afterok:41", "--kill-on-invalid-dep=yes", "--partition=cpu", "--time=2:00:00", "--mem=8G",
            "--account=proj", "--qos=low", "/s/map.sh",
        ])
        let first = try Self.executor(SlurmSettings()).sbatchArguments(.count, indices: [0, 1], dependency: nil, script: "/s/count.sh")
        #expect(first == ["--parsable", "--job-name=corpusclean-count", "--output=/shared/run.work/logs/count-%a.log", "--array=0-1", "/s/count.sh"])
    }

    @Test func theScriptRunsTheTaskWithItsArrayIndex() throws {
        let script = try Self.executor(SlurmSettings()).script(.band)
        #expect(script.hasPrefix("#!/bin/sh\n"))
        #expect(script.contains("exec '/opt/cc'\\''s/corpusclean' 'task' '--work-dir' '/shared/run.work' 'band'\n"))
    }

    @Test func planCountsTasksPerKind() throws {
        let plan = try Self.executor(SlurmSettings()).plan
        #expect(TaskKind.allCases.map(plan.count) == [8, 1, 8, 4, 1, 8, 1])
    }

    @Test func squeueTellsFailuresFromARunGoingOn() throws {
        let plan = try Self.executor(SlurmSettings(), work: try TestSupport.temporaryDirectory("plan").path).plan
        let jobs = [SlurmJob(kind: .count, id: "12", indices: Array(0..<8)), SlurmJob(kind: .reduce, id: "13", indices: [0]),
                    SlurmJob(kind: .map, id: "121", indices: Array(0..<8))]
        #expect(SlurmExecutor.failure(squeue: "12_0|COMPLETED\n12_1|RUNNING\n13|PENDING\n", plan: plan, jobs: jobs) == nil)
        #expect(SlurmExecutor.failure(squeue: "121_3|FAILED\n121_4|RUNNING\n", plan: plan, jobs: jobs) == nil,
                "the tasks still running finish first")
        #expect(SlurmExecutor.failure(squeue: "12_0|COMPLETED\n121_3|FAILED\n13|CANCELLED\n", plan: plan, jobs: jobs)
            == "Slurm job 121_3 (map tasks) ended FAILED")
        #expect(SlurmExecutor.failure(squeue: "12_0|COMPLETED\n", plan: plan, jobs: jobs) == "the jobs ended without finishing every task")
    }
}
