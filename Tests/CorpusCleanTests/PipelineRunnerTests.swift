import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

@Suite struct PipelineRunnerTests {
    /// Every output file, with summary.json's timing block removed.
    static func snapshot(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory.path)!
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let url = directory.appendingPathComponent(path)
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if !exists || isDirectory.boolValue || path == ".lock" { continue }
            var data = try Data(contentsOf: url)
            if path == "summary.json" {
                let text = String(decoding: data, as: UTF8.self)
                data = Data(text.components(separatedBy: ",\"timing\"").first!.utf8)
            }
            files[path] = data
        }
        return files
    }

    /// A corpus with duplicates: the seeds, exact and near copies, and a German page.
    static func corpus() throws -> URL {
        let dir = try TestSupport.copyOfSeeds()
        let seed = try TestSupport.seedText("001_31e518bab099aebc.txt")
        try seed.write(to: dir.appendingPathComponent("005_exact_copy.txt"), atomically: true, encoding: .utf8)
        try DedupStageTests.edited(seed, every: 100)
            .write(to: dir.appendingPathComponent("sub/006_near_copy.txt").creatingParent(), atomically: true, encoding: .utf8)
        try LanguageStageTests.samples[1].1.write(to: dir.appendingPathComponent("007_de.txt"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func outputIsIdenticalForOneAndFourWorkers() throws {
        let input = try Self.corpus()
        var snapshots: [[String: Data]] = []
        for workers in [1, 4] {
            var config = try TestSupport.config(#"{"batch_size": 3}"#)
            config.workers = workers
            let output = try TestSupport.temporaryDirectory("out")
            try TestSupport.runJob(config, input: input, output: output)
            snapshots.append(try Self.snapshot(output))
        }
        #expect(snapshots[0].keys.sorted() == snapshots[1].keys.sorted())
        for (path, data) in snapshots[0] {
            #expect(snapshots[1][path] == data, "\(path) differs between 1 and 4 workers")
        }
        #expect(snapshots[0]["docs/sub/006_near_copy.txt"] == nil)
    }

    @Test func theStreamingRunGivesWhatTheStepByStepRunGives() throws {
        // JSONL with near and exact copies across chunk boundaries (chunks of 64).
        let seeds = try TestSupport.seedNames.map(TestSupport.seedText)
        var jsonl = JSONWriter()
        for i in 0..<150 {
            let seed = seeds[i % seeds.count]
            let text = i % 3 == 0 ? seed : DedupStageTests.edited(seed, every: 40 + i) + "\nCopy \(i)."
            jsonl.openObject(); jsonl.key("id"); jsonl.string("d\(i)"); jsonl.key("text"); jsonl.string(text)
            jsonl.closeObject(); jsonl.newline()
        }
        let input = try TestSupport.temporaryDirectory("in").appendingPathComponent("corpus.jsonl")
        try Data(jsonl.bytes).write(to: input)
        var snapshots: [[String: Data]] = []
        for (workers, observed) in [(1, false), (2, false), (3, false), (2, true)] {
            var config = try TestSupport.config(#"{"batch_size": 100}"#)
            config.workers = workers
            let output = try TestSupport.temporaryDirectory("out")
            var job = RunJob(config: config, inputPath: input.path, outputDirectory: output.path, logger: TestSupport.logger)
            // An observer of every step makes the runner go step by step.
            if observed { job.stepObserver = { _, _ in } }
            _ = try job.run()
            snapshots.append(try Self.snapshot(output))
        }
        for snapshot in snapshots.dropFirst() {
            #expect(snapshot.keys.sorted() == snapshots[0].keys.sorted())
            for (path, data) in snapshots[0] { #expect(snapshot[path] == data, "\(path) differs") }
        }
        let manifest = String(decoding: snapshots[0]["manifest.jsonl"]!, as: UTF8.self)
        #expect(manifest.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 150)
        #expect(manifest.contains("near_duplicate") && manifest.contains("exact_duplicate"))
    }

    @Test func manifestHasOneLinePerDocumentWithTheDecision() throws {
        let input = try Self.corpus()
        let output = try TestSupport.temporaryDirectory("out")
        let summary = try TestSupport.runJob(try TestSupport.config("{}"), input: input, output: output)
        let manifest = try TestSupport.manifest(output)
        #expect(manifest.count == 8)
        #expect(summary.documents == 8)
        let byID = Dictionary(uniqueKeysWithValues: manifest.map { ($0["id"]!.stringValue!, $0) })
        #expect(byID["005_exact_copy.txt"]?["status"] == .string("dropped"))
        #expect(byID["005_exact_copy.txt"]?["reason"] == .string("exact_duplicate"))
        #expect(byID["005_exact_copy.txt"]?["duplicate_of"] == .string("001_31e518bab099aebc.txt"))
        #expect(byID["sub/006_near_copy.txt"]?["reason"] == .string("near_duplicate"))
        #expect(byID["sub/006_near_copy.txt"]?["duplicate_of"] == .string("001_31e518bab099aebc.txt"))
        #expect((byID["sub/006_near_copy.txt"]?["similarity"]?.doubleValue ?? 0) >= 0.8)
        #expect(byID["007_de.txt"]?["language"] == .string("de"))
        for line in manifest {
            for key in ["id", "status", "stage", "reason", "language", "language_confidence", "duplicate_of", "similarity",
                        "bytes_in", "bytes_out", "lines_removed"] {
                #expect(line[key] != nil, "manifest line lacks \(key)")
            }
        }
        let rejected = try TestSupport.lines(output.appendingPathComponent("rejected.jsonl"))
        #expect(rejected.map { $0["id"]!.stringValue! } == ["005_exact_copy.txt", "sub/006_near_copy.txt"])
        #expect(rejected[0]["text"]?.stringValue == (try TestSupport.seedText("001_31e518bab099aebc.txt")))
        let summaryJSON = try JSONParser.parse(Data(contentsOf: output.appendingPathComponent("summary.json")))
        #expect(summaryJSON["config_hash"]?.stringValue?.count == 16)
        #expect(summaryJSON["documents"]?["kept"] == .number("6"))
    }

    @Test func mainJobKeepsAllSeedsInEnglish() throws {
        let output = try TestSupport.temporaryDirectory("out")
        let config = try PipelineConfig.load(path: TestSupport.packageRoot.appendingPathComponent("pipeline.json").path)
        try TestSupport.runJob(config, input: TestSupport.seeds, output: output)
        let manifest = try TestSupport.manifest(output)
        #expect(manifest.count == 5)
        for line in manifest {
            #expect(line["status"] == .string("kept"))
            #expect(line["language"] == .string("en"))
            #expect((line["lines_removed"]?.doubleValue ?? 0) > 0)
        }
        let docs = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("docs").path)
        #expect(docs.sorted() == TestSupport.seedNames)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(".staging").path))
    }

    @Test func aStoryRepeatedAcrossTheCorpusIsDedupedNotEmptied() throws {
        let dir = try TestSupport.temporaryDirectory("syndicated")
        let seed = try TestSupport.seedText("003_04ed8dd39542b3b4.txt")
        for i in 0..<12 {
            try ("Site \(i) News\nHome | World | Sport\n" + seed + "\nFollow site \(i) on social media")
                .write(to: dir.appendingPathComponent(String(format: "%02d.txt", i)), atomically: true, encoding: .utf8)
        }
        let output = try TestSupport.temporaryDirectory("out")
        let summary = try TestSupport.runJob(try TestSupport.config("{}"), input: dir, output: output)
        let manifest = try TestSupport.manifest(output)
        #expect(summary.kept == 1)
        #expect(manifest[0]["status"] == .string("kept"))
        for line in manifest.dropFirst() {
            #expect(line["reason"] == .string("exact_duplicate") || line["reason"] == .string("near_duplicate"))
        }
        let kept = try String(contentsOf: output.appendingPathComponent("docs/00.txt"), encoding: .utf8)
        #expect(kept.contains("The Syrian government has denounced the deadly strike"))
        #expect(!kept.contains("Home | World | Sport"))
    }

    @Test func jsonlInputPassesFieldsThroughAndAnnotates() throws {
        let dir = try TestSupport.temporaryDirectory("jsonl")
        let input = dir.appendingPathComponent("in.jsonl")
        let seed = try TestSupport.seedText("003_04ed8dd39542b3b4.txt")
        var w = JSONWriter()
        w.openObject(); w.key("url"); w.string("https://example.org/a"); w.key("id"); w.string("a")
        w.key("text"); w.string(seed); w.key("meta"); w.value(.object([("n", .number("1.50"))])); w.closeObject(); w.newline()
        w.openObject(); w.key("text"); w.string(LanguageStageTests.samples[2].1); w.closeObject(); w.newline()
        try Data(w.bytes).write(to: input)
        let output = dir.appendingPathComponent("out")
        try TestSupport.runJob(try TestSupport.config("{}"), input: input, output: output)
        let docs = try TestSupport.lines(output.appendingPathComponent("documents.jsonl"))
        #expect(docs.count == 2)
        guard case let .object(members) = docs[0] else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["url", "id", "text", "meta", "corpusclean"])
        #expect(docs[0]["meta"] == .object([("n", .number("1.50"))]))
        #expect(docs[0]["text"]?.stringValue?.contains("Niamh Harris\n") == false)
        #expect(docs[0]["corpusclean"]?["language"] == .string("en"))
        #expect(docs[1]["id"]?.stringValue?.hasPrefix("xxh64:") == true)
        #expect(docs[1]["corpusclean"]?["language"] == .string("fr"))
    }
}

extension URL {
    /// Creates the parent directory and returns self.
    func creatingParent() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
