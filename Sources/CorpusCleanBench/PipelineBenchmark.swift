import CorpusClean
import Foundation
import Logging

/// Throughput of the whole pipeline on the seeds (or a directory given), in process, per
/// worker count: median of 5 runs.
enum PipelineBenchmark: Benchmark {
    static let name = "pipeline"
    static let summary = "Whole-pipeline throughput on the seeds repeated 200 times (each copy distinct), as a text directory and as one JSONL file, 1 and 2 workers."

    static func run(arguments: [String]) throws {
        let input = arguments.first ?? "seeds"
        let corpus = FileManager.default.temporaryDirectory.appendingPathComponent("cc-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: corpus) }
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: input).sorted()
        var bytes = 0
        var jsonl = JSONWriter()
        for copy in 0..<200 {
            for name in names {
                var text = try String(contentsOfFile: input + "/" + name, encoding: .utf8)
                // Make every copy distinct so dedup does real work instead of hashing exact copies.
                text += "\nCopy \(copy) of \(name)."
                bytes += text.utf8.count
                try text.write(to: corpus.appendingPathComponent("\(copy)-\(name)"), atomically: false, encoding: .utf8)
                jsonl.openObject(); jsonl.key("id"); jsonl.string("\(copy)-\(name)"); jsonl.key("text"); jsonl.string(text)
                jsonl.closeObject(); jsonl.newline()
            }
        }
        let jsonlPath = FileManager.default.temporaryDirectory.appendingPathComponent("cc-bench-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: jsonlPath) }
        try Data(jsonl.bytes).write(to: jsonlPath)
        let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        for (label, input) in [("text dir", corpus.path), ("jsonl", jsonlPath.path)] {
            var results: [Int: Double] = [:]
            for workers in [1, 2] {
                var config = PipelineConfig.defaults()
                config.workers = workers
                let output = FileManager.default.temporaryDirectory.appendingPathComponent("cc-bench-out-\(getpid())-\(workers)")
                let seconds = Timing.median(runs: 5) {
                    _ = try? RunJob(config: config, inputPath: input, outputDirectory: output.path, logger: logger).run()
                }
                try? FileManager.default.removeItem(at: output)
                results[workers] = seconds
                print("pipeline \(label) workers=\(workers): \(names.count * 200) docs, \(bytes) bytes, median \(String(format: "%.3f", seconds)) s, \(String(format: "%.1f", Timing.mbPerSecond(bytes, seconds))) MB/s")
            }
            if let one = results[1], let two = results[2] {
                print("pipeline \(label) speed-up 2 workers / 1 worker: \(String(format: "%.2f", one / two))x")
            }
        }
    }
}
