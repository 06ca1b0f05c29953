import Foundation
import Synchronization
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Two runs at once on the same `--dedup-index`: the lock makes them take turns, so the index
/// ends with every entry of both (before it, both exited 0 and one run's entries were lost).
@Suite struct DedupIndexLockTests {
    /// A JSONL file of `count` distinct documents whose ids start with `prefix`.
    static func corpus(_ prefix: String, count: Int) throws -> URL {
        let dir = try TestSupport.temporaryDirectory("lock-in")
        var text = ""
        for i in 0..<count {
            let words = (0..<40).map { "w\(prefix)\(i)x\($0 * 7 + i % 13)" }.joined(separator: " ")
            text += #"{"id": "\#(prefix)-\#(i)", "text": "\#(words)"}"# + "\n"
        }
        let file = dir.appendingPathComponent("\(prefix).jsonl")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func twoConcurrentRunsKeepEveryEntry() throws {
        let index = try TestSupport.temporaryDirectory("index").appendingPathComponent("dedup").path
        let inputs = try [Self.corpus("a", count: 3000), Self.corpus("b", count: 2000)]
        // The test holds the lock until both runs wait for it (however the machine schedules
        // them); then they take turns.
        let held = open(index + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(held >= 0 && flock(held, LOCK_EX) == 0)
        let results = Mutex<[TestSupport.ProcessResult?]>([nil, nil])
        let group = DispatchGroup()
        for (k, input) in inputs.enumerated() {
            let output = try TestSupport.temporaryDirectory("out")
            DispatchQueue.global().async(group: group) {
                let result = try? TestSupport.runBinary(["run", "--stages", "dedup", "-i", input.path, "-o", output.path,
                                                        "--dedup-index", index])
                results.withLock { $0[k] = result }
            }
        }
        // Released once both runs are blocked on it (/proc/locks lists a waiter with "->").
        var status = stat()
        try #require(fstat(held, &status) == 0)
        let inode = ":\(status.st_ino) "
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline {
            let locks = (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) ?? ""
            if locks.split(separator: "\n").filter({ $0.contains("->") && $0.contains(inode) }).count >= 2 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        close(held)
        group.wait()
        for result in results.withLock({ $0 }) {
            #expect(result?.status == 0, "\(result?.stderr ?? "did not run")")
            #expect(result?.stderr.contains("waiting for the dedup index") == true, "a run started while the lock was held waited")
        }
        let header = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: index + "/index.json")))
        #expect(header["entries"]?.doubleValue == 5000)
        #expect(!FileManager.default.fileExists(atPath: index + ".staging-\(getpid())"))
    }
}
