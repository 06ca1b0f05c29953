import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Foundation

/// Throughput of the release CLI as a user's run sees it, on a real corpus (perf-dev, or the
/// larger one scripts/make-perf-corpus.py makes from it). Every configuration is one
/// `corpusclean run` child process with a config made from ./pipeline.json: the floor (no stage:
/// the project's reader and writer alone), the whole pipeline and each stage alone, at each
/// worker count. A row is the run with the median wall time: MB/s and docs/s of the input, the
/// child's user + system CPU, MB per CPU second of the stages' own work (the input's bytes over
/// the CPU above the floor's), peak RSS, and the floor's wall time over the row's at the same
/// worker count. See docs/benchmarks-pipeline.md.
///
/// Arguments: `[--data FILE] [--runs N] [--workers 1,2] [--stages all|each|none] [--formats
/// gz,wet] [--cli PATH]`.
/// `--stages each` (default): floor, whole pipeline and each stage alone; `all`: floor and
/// whole pipeline; `none`: floor only. `--cli` times another build of the CLI (default: the
/// `corpusclean` next to this binary). `--formats`: the whole pipeline also on the same documents
/// as `.jsonl.gz` and as a Common Crawl WET file gzip-compressed per record
/// (scripts/jsonl-to-wet.py), MB/s counted in the plain JSONL's bytes, with the ratio of the
/// plain JSONL row's wall time to theirs.
enum PipelineBenchmark: Benchmark {
    static let name = "pipeline"
    static let summary = "The release CLI on ../shared/data/perf-dev (or --data): MB/s, docs/s, CPU, peak RSS of the whole pipeline and of each stage alone, 1 and 2 workers, against a read-parse-write floor."

    static func run(arguments: [String]) throws {
        var data = "../shared/data/perf-dev/corpus.jsonl.gz"
        var runs = 3
        var workerCounts = [1, 2]
        var selection = "each"
        var formats: [String] = []
        var cli = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("corpusclean").path
        var i = 0
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arguments[i] {
            case "--data": data = value
            case "--runs": runs = max(1, Int(value) ?? runs)
            case "--workers": workerCounts = value.split(separator: ",").compactMap { Int($0) }
            case "--stages": selection = value
            case "--cli": cli = value
            case "--formats": formats = value.split(separator: ",").map(String.init)
            default: throw BenchmarkError("unknown argument \(arguments[i])")
            }
            i += 2
        }
        guard ["all", "each", "none"].contains(selection) else { throw BenchmarkError("--stages must be all, each or none") }
        guard formats.allSatisfy({ ["gz", "wet"].contains($0) }) else { throw BenchmarkError("--formats takes gz, wet or both") }
        guard !workerCounts.isEmpty, workerCounts.allSatisfy({ $0 > 0 }) else { throw BenchmarkError("--workers takes counts such as 1,2") }
        guard FileManager.default.isExecutableFile(atPath: cli) else {
            throw BenchmarkError("no CLI at \(cli): build it with swift build -c release --product corpusclean, or give --cli")
        }

        guard let baseData = FileManager.default.contents(atPath: "pipeline.json"),
              case let .object(baseMembers) = try JSONParser.parse(Array(baseData)) else {
            throw BenchmarkError("cannot read ./pipeline.json (run from the repository)")
        }
        let pipeline = try PipelineConfig(file: "pipeline.json", baseDirectory: ".", value: .object(baseMembers)).stages
        var configurations: [(label: String, stages: [StageName])] = [("floor", [])]
        if selection != "none" { configurations.append(("pipeline", pipeline)) }
        if selection == "each" { configurations += StageRegistry.builtIn.names.map { ($0.rawValue, [$0]) } }

        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cc-pipeline-\(getpid())").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        var input = data
        if data.hasSuffix(".gz") {
            input = work + "/input.jsonl"
            let gunzip = try ChildRun.run("/bin/sh", ["-c", "exec gzip -dc -- \"$1\" > \"$2\"", "sh", data, input], log: work + "/gzip.log")
            guard gunzip.status == 0 else { throw BenchmarkError("gzip -dc \(data) failed: \(tail(work + "/gzip.log"))") }
        }
        let bytes = (try FileManager.default.attributesOfItem(atPath: input)[.size] as? NSNumber)?.intValue ?? 0
        print("pipeline: \(data) (\(bytes) bytes of JSONL), CLI \(cli), stages of pipeline.json: \(pipeline.map(\.rawValue).joined(separator: ",")), median of \(runs) run(s), \(load())")
        print("config       workers   wall s     MB/s    docs/s    CPU s  MB/CPU s  own MB/CPU s  RSS MiB  vs floor  dropped")

        var floor: [Int: Double] = [:]
        var floorCPU: [Int: Double] = [:]
        var whole: [Int: Double] = [:]
        for configuration in configurations {
            for workers in workerCounts {
                let config = work + "/\(configuration.label)-\(workers).json"
                try writeConfig(baseMembers, stages: configuration.stages, workers: workers, to: config)
                let (run, documents, dropped) = try measure(cli: cli, config: config, input: input, work: work, runs: runs)
                if configuration.stages.isEmpty {
                    floor[workers] = run.wall
                    floorCPU[workers] = run.cpu
                }
                if configuration.label == "pipeline" { whole[workers] = run.wall }
                // The stages' own cost: the CPU above the floor's, which every row includes.
                let above = run.cpu - (floorCPU[workers] ?? .nan)
                let own = configuration.stages.isEmpty || !(above > 0) ? "-" : String(format: "%.1f", Timing.mbPerSecond(bytes, above))
                print(String(format: "%@ %7d %8.2f %8.1f %9.0f %8.2f %9.1f %@ %8.0f %9.2f %8d",
                             configuration.label.padding(toLength: 12, withPad: " ", startingAt: 0), workers, run.wall,
                             Timing.mbPerSecond(bytes, run.wall), Double(documents) / run.wall, run.cpu,
                             Timing.mbPerSecond(bytes, run.cpu), String(repeating: " ", count: max(0, 13 - own.count)) + own, Double(run.peakRSS) / 1024, (floor[workers] ?? .nan) / run.wall, dropped))
                fflush(nil)  // each row as it is measured, also into a file
            }
        }
        if let one = whole[1], let two = whole[2] {
            print(String(format: "whole pipeline: 2 workers / 1 worker speed-up %.2fx", one / two))
        }
        if !formats.isEmpty {
            try timeFormats(formats, data: data, plain: input, bytes: bytes, base: baseMembers, pipeline: pipeline,
                            workerCounts: workerCounts, whole: whole, cli: cli, work: work, runs: runs)
        }
        print("done, \(load())")
    }

    /// The whole pipeline on the same documents as `.jsonl.gz` and as WET: one row per format and
    /// worker count, MB/s in the plain JSONL's `bytes`, and the plain row's wall over this one's.
    static func timeFormats(_ formats: [String], data: String, plain: String, bytes: Int, base: [(key: String, value: JSONValue)],
                            pipeline: [StageName], workerCounts: [Int], whole: [Int: Double], cli: String, work: String,
                            runs: Int) throws {
        print("format       workers   wall s     MB/s    docs/s    CPU s  RSS MiB  vs plain JSONL")
        for format in formats {
            let input: String
            if format == "gz" {
                input = data.hasSuffix(".gz") ? data : work + "/input.jsonl.gz"
                if !data.hasSuffix(".gz") {
                    let gzip = try ChildRun.run("/bin/sh", ["-c", "exec gzip -c -- \"$1\" > \"$2\"", "sh", plain, input], log: work + "/gzip.log")
                    guard gzip.status == 0 else { throw BenchmarkError("gzip \(plain) failed: \(tail(work + "/gzip.log"))") }
                }
            } else {
                input = work + "/input.warc.wet.gz"
                let wet = try ChildRun.run("/usr/bin/env", ["python3", "scripts/jsonl-to-wet.py", plain, input], log: work + "/wet.log")
                guard wet.status == 0 else { throw BenchmarkError("scripts/jsonl-to-wet.py failed: \(tail(work + "/wet.log"))") }
            }
            for workers in workerCounts {
                let config = work + "/\(format)-\(workers).json"
                try writeConfig(base, stages: pipeline, workers: workers, to: config)
                let (run, documents, _) = try measure(cli: cli, config: config, input: input, work: work, runs: runs)
                print(String(format: "%@ %7d %8.2f %8.1f %9.0f %8.2f %8.0f %15.2f",
                             format.padding(toLength: 12, withPad: " ", startingAt: 0), workers, run.wall,
                             Timing.mbPerSecond(bytes, run.wall), Double(documents) / run.wall, run.cpu,
                             Double(run.peakRSS) / 1024, (whole[workers] ?? .nan) / run.wall))
                fflush(nil)
            }
        }
    }

    /// Writes `base` (pipeline.json's members) with `stages` and `workers` replaced to `path`.
    static func writeConfig(_ base: [(key: String, value: JSONValue)], stages: [StageName], workers: Int, to path: String) throws {
        var members = base.filter { $0.key != "workers" && $0.key != "stages" }
        members.append((key: "workers", value: .number(String(workers))))
        members.append((key: "stages", value: .array(stages.map { .string($0.rawValue) })))
        var writer = JSONWriter()
        writer.value(.object(members))
        try Data(writer.bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Runs `corpusclean run` with `config` on `input` `runs` times (a fresh output directory
    /// each time) and returns the run with the median wall time, with the documents read and
    /// dropped from its summary.json. A failed run is an error that shows its log.
    static func measure(cli: String, config: String, input: String, work: String, runs: Int) throws
        -> (run: ChildRun, documents: Int, dropped: Int) {
        let output = work + "/out", log = work + "/run.log"
        defer { try? FileManager.default.removeItem(atPath: output) }
        var results: [(run: ChildRun, documents: Int, dropped: Int)] = []
        for _ in 0..<runs {
            try? FileManager.default.removeItem(atPath: output)
            let run = try ChildRun.run(cli, ["run", "--config", config, "-i", input, "-o", output], log: log)
            guard run.status == 0 else { throw BenchmarkError("\(cli) run --config \(config) exited with \(run.status): \(tail(log))") }
            let summary = try JSONParser.parse(Array(FileManager.default.contents(atPath: output + "/summary.json") ?? Data()))
            results.append((run, Int(summary["documents"]?["in"]?.doubleValue ?? 0), Int(summary["documents"]?["dropped"]?.doubleValue ?? 0)))
        }
        return results.sorted { $0.run.wall < $1.run.wall }[results.count / 2]
    }

    /// The machine's load, to tell a quiet run from one that shared the cores.
    static func load() -> String {
        var loads = [Double](repeating: 0, count: 3)
        guard getloadavg(&loads, 3) == 3 else { return "load average unknown" }
        return String(format: "load average %.2f over 1 min, %d cores", loads[0], ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The last lines of a log, for an error message.
    static func tail(_ path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(10).joined(separator: "\n")
    }
}
