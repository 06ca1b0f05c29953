import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// `corpusclean run --executor slurm` on a real single-node Slurm cluster started under a
/// temporary folder (scripts/slurm-test-cluster.sh: munged, slurmctld, slurmd as root), torn
/// down by PID at the end. Needs root and Debian's slurmctld, slurmd, slurm-client and munge
/// (scripts/ensure-deps.sh installs them).
@Suite struct SlurmClusterTests {
    static var available: Bool {
        getuid() == 0 && ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged", "/usr/bin/sbatch"]
            .allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let script = TestSupport.packageRoot.appendingPathComponent("scripts/slurm-test-cluster.sh").path

    /// The pids of running processes whose command line holds every one of `words`.
    static func processes(with words: [String]) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return words.allSatisfy(arguments.contains)
        }
    }

    @Test(.enabled(if: available, "needs root and the slurm and munge packages"))
    func fourTasksOverEightShardsKilledAndRerun() throws {
        let cluster = try TestSupport.temporaryDirectory("slurm")
        // system(3), not Process: the daemons the script starts outlive it.
        defer { system("'\(Self.script)' stop '\(cluster.path)' >/dev/null 2>&1") }
        try #require(system("'\(Self.script)' start '\(cluster.path)' >/dev/null 2>'\(cluster.path)/start.err'") == 0,
                     "the test cluster started")
        let environment = ["SLURM_CONF": cluster.path + "/slurm.conf"]

        let input = try TestSupport.temporaryDirectory("shards")
        try ShardedCorpus.write(to: input)
        let expectedOutput = try TestSupport.temporaryDirectory("inprocess")
        _ = try LocalExecutorTests.run(input, expectedOutput, [])
        let expected = try LocalExecutorTests.contents(expectedOutput)

        // A whole run: the same output as in-process.
        let output = try TestSupport.temporaryDirectory("slurm-out")
        let whole = try TestSupport.runBinary(["run", "-i", input.path, "-o", output.path, "--log-format", "json", "--executor", "slurm",
                                               "--tasks", "4", "--work-dir", output.path + ".work", "--array-throttle", "4"],
                                              environment: environment)
        #expect(whole.status == 3, "\(whole.stderr)")
        #expect(whole.stderr.contains("\"kind\":\"band\""), "every kind was submitted")
        #expect(try LocalExecutorTests.contents(output) == expected)

        // A map task killed mid-run fails its array element; the rest is cancelled.
        let killed = try TestSupport.temporaryDirectory("slurm-killed")
        let work = killed.path + ".work"
        let arguments = ["run", "-i", input.path, "-o", killed.path, "--log-format", "json", "--executor", "slurm", "--tasks", "4",
                         "--work-dir", work]
        let driver = Process()
        driver.executableURL = TestSupport.binary
        driver.arguments = arguments
        driver.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        driver.standardError = errors
        try driver.run()
        var victim: Int32?
        let deadline = Date().addingTimeInterval(120)
        while victim == nil && Date() < deadline {
            victim = Self.processes(with: ["task", work, "map"]).first
            if victim == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(victim != nil, "a map task ran")
        if let victim { kill(victim, SIGKILL) }
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        driver.waitUntilExit()
        #expect(driver.terminationStatus == 1, "\(stderr)")
        #expect(stderr.contains("ended FAILED") || stderr.contains("ended CANCELLED"), "\(stderr)")
        let done = work + "/done"
        let markers = (try? FileManager.default.contentsOfDirectory(atPath: done)) ?? []
        #expect(!markers.contains("commit-0"))
        var before: [String: Date] = [:]
        for marker in markers {
            before[marker] = try FileManager.default.attributesOfItem(atPath: done + "/" + marker)[.modificationDate] as? Date
        }

        // The same command again resubmits only the tasks without a marker and finishes.
        let rerun = try TestSupport.runBinary(arguments, environment: environment)
        #expect(rerun.status == 3, "\(rerun.stderr)")
        for (marker, date) in before {
            let now = try FileManager.default.attributesOfItem(atPath: done + "/" + marker)[.modificationDate] as? Date
            #expect(now == date, "\(marker) was done before the kill and not redone")
        }
        #expect(!rerun.stderr.contains("\"kind\":\"count\""), "the count tasks, all done, were not submitted again")
        #expect(try LocalExecutorTests.contents(killed) == expected)

        // --detach submits and prints the job ids.
        let detached = try TestSupport.temporaryDirectory("slurm-detached")
        let submitted = try TestSupport.runBinary(["run", "-i", input.path, "-o", detached.path, "--log-format", "json", "--executor",
                                                   "slurm", "--tasks", "4", "--detach"], environment: environment)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let ids = submitted.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(ids.count == TaskKind.allCases.count && ids.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }, "\(submitted.stdout)")
        let finished = Date().addingTimeInterval(180)
        while Date() < finished && !FileManager.default.fileExists(atPath: detached.path + ".work/done/commit-0") {
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(try LocalExecutorTests.contents(detached) == expected)
    }
}
