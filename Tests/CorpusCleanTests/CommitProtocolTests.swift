import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut
#if canImport(Glibc)
import Glibc
#endif

/// The commit protocol (docs/commit-protocol.md): a run killed by strace's fault injection at
/// every rename and unlink of the run (the commit's included), then resumed or run again, gives
/// the output (and dedup index) of an uninterrupted run, byte for byte.
@Suite struct CommitProtocolTests {
    static let traced = ["rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir"]

    static var strace: String? {
        ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs the binary in `directory`; with `killAt`, under strace, killed (SIGKILL) at the
    /// `when`-th call of `syscall`. Returns true when the run exited (was not killed).
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, killAt: (syscall: String, when: Int)? = nil) throws -> (exited: Bool, status: Int32) {
        let process = Process()
        if let killAt, let strace {
            process.executableURL = URL(fileURLWithPath: strace)
            process.arguments = ["-f", "-o", "/dev/null", "-e", "trace=" + traced.joined(separator: ","),
                                 "-e", "inject=\(killAt.syscall):signal=SIGKILL:when=\(killAt.when)",
                                 TestSupport.binary.path] + arguments
        } else {
            process.executableURL = TestSupport.binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationReason == .exit, process.terminationStatus)
    }

    /// Every file under the output and the index (summary.json without its timing block),
    /// hidden ones included, keyed by "out/..." and "index/...".
    static func state(_ work: URL) throws -> [String: Data] {
        var all: [String: Data] = [:]
        for name in ["out", "index"] where FileManager.default.fileExists(atPath: work.appendingPathComponent(name).path) {
            for (path, data) in try PipelineRunnerTests.snapshot(work.appendingPathComponent(name)) { all[name + "/" + path] = data }
        }
        return all
    }

    static func describe(_ actual: [String: Data], _ expected: [String: Data]) -> String {
        let keys = Set(actual.keys).union(expected.keys).sorted()
        return keys.filter { actual[$0] != expected[$0] }.map { key in
            actual[key] == nil ? "missing \(key)" : expected[key] == nil ? "extra \(key)" : "differs \(key)"
        }.joined(separator: ", ")
    }

    /// Puts the state of `from` (out/ and index/) in `work`, replacing what is there.
    static func restore(_ from: URL, into work: URL) throws {
        let files = FileManager.default
        try? files.removeItem(at: work)
        try files.createDirectory(at: work, withIntermediateDirectories: true)
        for name in ["out", "index"] where files.fileExists(atPath: from.appendingPathComponent(name).path) {
            try files.copyItem(at: from.appendingPathComponent(name), to: work.appendingPathComponent(name))
        }
    }

    /// A JSONL corpus of `count` records built from the seeds, with exact copies among them.
    static func jsonl(_ name: String, count: Int, offset: Int) throws -> URL {
        let seeds = try TestSupport.seedNames.map(TestSupport.seedText)
        var lines = ""
        for i in offset..<(offset + count) {
            let text = i % 4 == 3 ? seeds[(i - 3) % seeds.count] + "\nRecord \(i - 3)." : seeds[i % seeds.count] + "\nRecord \(i)."
            var w = JSONWriter()
            w.openObject()
            w.key("id"); w.string("r\(i)")
            w.key("text"); w.string(text)
            w.closeObject()
            lines += String(decoding: w.bytes, as: UTF8.self) + "\n"
        }
        let url = try TestSupport.temporaryDirectory("jsonl").appendingPathComponent(name)
        try lines.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Day 1 makes the previous state (output and index); day 2 is the run that is killed at
    /// every traced call, then resumed (must equal day 2 uninterrupted) and, separately, run
    /// again (must equal day 2 uninterrupted when the kill came before the commit point, and
    /// day 2 run twice after it: the output and index of the finished run are current then).
    func check(day1: URL, day2: URL, withIndex: Bool) throws {
        try #require(Self.strace != nil, "strace is not installed (scripts/ensure-deps.sh)")
        let root = try TestSupport.temporaryDirectory("commit")
        let config = root.appendingPathComponent("pipeline.json")
        try #"{"batch_size": 16}"#.write(to: config, atomically: true, encoding: .utf8)
        func arguments(_ input: URL, resume: Bool = false) -> [String] {
            ["run", "--config", config.path, "--input", input.path, "--output", "out", "--log-format", "json"]
                + (withIndex ? ["--dedup-index", "index"] : []) + (resume ? ["--resume"] : [])
        }
        let before = root.appendingPathComponent("before")
        try FileManager.default.createDirectory(at: before, withIntermediateDirectories: true)
        #expect(try Self.run(arguments(day1), in: before).status == 0)

        let work = root.appendingPathComponent("work")
        try Self.restore(before, into: work)
        #expect(try Self.run(arguments(day2), in: work).status == 0)
        let once = try Self.state(work)
        #expect(try Self.run(arguments(day2), in: work).status == 0)
        let twice = try Self.state(work)
        if !withIndex { #expect(once == twice) }

        var kills = 0
        for syscall in Self.traced {
            for when in 1... {
                try Self.restore(before, into: work)
                let killed = try Self.run(arguments(day2), in: work, killAt: (syscall, when))
                if killed.exited {
                    #expect(killed.status == 0)
                    let complete = try Self.state(work)
                    #expect(complete == once, "\(syscall) #\(when) not reached: \(Self.describe(complete, once))")
                    break
                }
                kills += 1
                let out = work.appendingPathComponent("out")
                let pastCommitPoint = FileManager.default.fileExists(atPath: out.appendingPathComponent(OutputCommit.markerName).path)
                    || !FileManager.default.fileExists(atPath: out.appendingPathComponent(".staging").path)
                let resumed = try Self.run(arguments(day2, resume: true), in: work)
                #expect(resumed.status == 0, "--resume after a kill at \(syscall) #\(when)")
                let afterResume = try Self.state(work)
                #expect(afterResume == once, "--resume after a kill at \(syscall) #\(when): \(Self.describe(afterResume, once))")

                try Self.restore(before, into: work)
                #expect(try !Self.run(arguments(day2), in: work, killAt: (syscall, when)).exited)
                let rerun = try Self.run(arguments(day2), in: work)
                #expect(rerun.status == 0, "a rerun after a kill at \(syscall) #\(when)")
                let expected = pastCommitPoint ? twice : once
                let afterRerun = try Self.state(work)
                #expect(afterRerun == expected,
                        "a rerun after a kill at \(syscall) #\(when) (past the commit point: \(pastCommitPoint)): \(Self.describe(afterRerun, expected))")
                if when > 200 { Issue.record("\(syscall): more than 200 calls"); break }
            }
        }
        #expect(kills > 5)
    }

    @Test func textFolderOutput() throws {
        try check(day1: TestSupport.seeds, day2: try PipelineRunnerTests.corpus(), withIndex: false)
    }

    @Test func textFolderOutputWithDedupIndex() throws {
        try check(day1: TestSupport.seeds, day2: try PipelineRunnerTests.corpus(), withIndex: true)
    }

    @Test func jsonlOutput() throws {
        try check(day1: try Self.jsonl("day1.jsonl", count: 12, offset: 0), day2: try Self.jsonl("day2.jsonl", count: 24, offset: 8),
                  withIndex: false)
    }

    @Test func jsonlOutputWithDedupIndex() throws {
        try check(day1: try Self.jsonl("day1.jsonl", count: 12, offset: 0), day2: try Self.jsonl("day2.jsonl", count: 24, offset: 8),
                  withIndex: true)
    }

    /// A text-folder run replaces a JSONL output (and back): the other layout's products go
    /// with the commit, also when it is killed and finished by the next run.
    @Test func aCommitMarkerIsFinishedBeforeAnythingElse() throws {
        let root = try TestSupport.temporaryDirectory("marker")
        let input = try Self.jsonl("in.jsonl", count: 8, offset: 0)
        let args = ["run", "--input", input.path, "--output", "out", "--log-format", "json", "--dedup-index", "index"]
        #expect(try Self.run(args, in: root).status == 0)
        let reference = try Self.state(root)
        try FileManager.default.removeItem(at: root.appendingPathComponent("out"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("index"))
        // Killed at the first unlink after the marker: the marker's rename came first.
        var killedPast = false
        for when in 1...50 {
            try? FileManager.default.removeItem(at: root.appendingPathComponent("out"))
            try? FileManager.default.removeItem(at: root.appendingPathComponent("index"))
            let killed = try Self.run(args, in: root, killAt: ("rename", when))
            if killed.exited { break }
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("out/" + OutputCommit.markerName).path) {
                killedPast = true
                break
            }
        }
        #expect(killedPast)
        // Nothing visible is missing once the marker is finished; --resume does not run again.
        #expect(try Self.run(args + ["--resume"], in: root).status == 0)
        #expect(try Self.state(root) == reference)
    }
}
