import Foundation
import Testing
@testable import CorpusClean

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
        nonisolated(unsafe) var results: [TestSupport.ProcessResult?] = [nil, nil]
        let group = DispatchGroup()
        for (k, input) in inputs.enumerated() {
            let output = try TestSupport.temporaryDirectory("out")
            DispatchQueue.global().async(group: group) {
                results[k] = try? TestSupport.runBinary(["run", "--stages", "dedup", "-i", input.path, "-o", output.path,
                                                        "--dedup-index", index])
            }
        }
        group.wait()
        for result in results { #expect(result?.status == 0, "\(result?.stderr ?? "did not run")") }
        #expect(results.contains { $0?.stderr.contains("waiting for the dedup index") == true },
                "the runs overlapped, so one waited for the other's lock")
        let header = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: index + "/index.json")))
        #expect(header["entries"]?.doubleValue == 5000)
        #expect(!FileManager.default.fileExists(atPath: index + ".staging-\(getpid())"))
    }
}
