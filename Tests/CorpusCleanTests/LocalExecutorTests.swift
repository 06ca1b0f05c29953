import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// `corpusclean run --executor local --tasks N`: the same output as the in-process run, for
/// any task count; a run killed part-way is finished by rerunning the same command, which
/// redoes only the tasks without a completion marker.
@Suite struct LocalExecutorTests {
    /// Every file of an output directory (hidden ones but the empty lock), summary.json without
    /// its timing.
    static func contents(_ output: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: output.path)!
        while let name = enumerator.nextObject() as? String {
            let url = output.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            var data = try Data(contentsOf: url)
            if name == "summary.json", case let .object(members) = try JSONParser.parse(data) {
                var w = JSONWriter()
                w.value(.object(members.filter { $0.key != "timing" }))
                data = Data(w.bytes)
            }
            files[name] = data
        }
        return files
    }

    static func run(_ input: URL, _ output: URL, _ extra: [String]) throws -> TestSupport.ProcessResult {
        try TestSupport.runBinary(["run", "-i", input.path, "-o", output.path, "--log-format", "json"] + extra)
    }

    @Test func sameOutputAsInProcessForAnyTaskCount() throws {
        let input = try TestSupport.temporaryDirectory("shards")
        try ShardedCorpus.write(to: input)
        let expectedOutput = try TestSupport.temporaryDirectory("inprocess")
        #expect(try Self.run(input, expectedOutput, []).status == 3, "the broken line is an error document")
        let expected = try Self.contents(expectedOutput)
        let reasons = try TestSupport.manifest(expectedOutput).compactMap { $0["reason"]?.stringValue }
        #expect(reasons.contains("exact_duplicate") && reasons.contains("near_duplicate"))
        let removed = try TestSupport.manifest(expectedOutput).compactMap { $0["removed_by_reason"]?["repeated_across_corpus"] }
        #expect(!removed.isEmpty, "boilerplate removed lines repeated across the corpus")
        #expect(expected.keys.filter { $0.hasPrefix("docs/") }.count == 8)
        for tasks in [1, 2, 4] {
            let output = try TestSupport.temporaryDirectory("local\(tasks)")
            let result = try Self.run(input, output, ["--executor", "local", "--tasks", "\(tasks)"])
            #expect(result.status == 3, "\(result.stderr)")
            let found = try Self.contents(output)
            #expect(found.keys.sorted() == expected.keys.sorted(), "tasks \(tasks)")
            for (name, data) in expected where found[name] != data { Issue.record("tasks \(tasks): \(name) differs") }
            #expect(!FileManager.default.fileExists(atPath: output.path + ".work"), "the default work directory is removed")
        }
    }

    /// The pids of `parent`'s children.
    static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && Int32(fields[1]) == parent
        }
    }

    @Test func aKilledRunIsFinishedByRerunningOnlyUnfinishedTasks() throws {
        let input = try TestSupport.temporaryDirectory("shards")
        try ShardedCorpus.write(to: input)
        let expectedOutput = try TestSupport.temporaryDirectory("inprocess")
        _ = try Self.run(input, expectedOutput, [])
        let output = try TestSupport.temporaryDirectory("killed")
        let work = try TestSupport.temporaryDirectory("work").path
        let arguments = ["run", "-i", input.path, "-o", output.path, "--log-format", "json", "--executor", "local", "--tasks", "2",
                         "--work-dir", work]
        let driver = Process()
        driver.executableURL = TestSupport.binary
        driver.arguments = arguments
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let done = work + "/done"
        // Once some map tasks are done, kill the tasks running and the driver.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline && ((try? FileManager.default.contentsOfDirectory(atPath: done))?.filter { $0.hasPrefix("map-") }.count ?? 0) < 2 {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let tasks = Self.children(of: driver.processIdentifier)
        kill(driver.processIdentifier, SIGKILL)
        for pid in tasks { kill(pid, SIGKILL) }
        driver.waitUntilExit()
        #expect(!tasks.isEmpty, "tasks were running when killed")
        let markers = try FileManager.default.contentsOfDirectory(atPath: done)
        #expect(!markers.contains("commit-0"), "killed before the end")
        var before: [String: Date] = [:]
        for marker in markers {
            before[marker] = try FileManager.default.attributesOfItem(atPath: done + "/" + marker)[.modificationDate] as? Date
        }
        Thread.sleep(forTimeInterval: 0.05)
        let rerun = try TestSupport.runBinary(arguments)
        #expect(rerun.status == 3, "\(rerun.stderr)")
        for (marker, date) in before {
            let now = try FileManager.default.attributesOfItem(atPath: done + "/" + marker)[.modificationDate] as? Date
            #expect(now == date, "\(marker) was done before the kill and not redone")
        }
        #expect(rerun.stderr.contains("\"done_before\""))
        #expect(try Self.contents(output) == Self.contents(expectedOutput))
    }
}
