import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut
#if canImport(Glibc)
import Glibc
#endif

/// Debugging flags, scheduled-run behaviour and plugging in, each through the real binary.
@Suite struct CLIWorkflowTests {
    private func run(_ arguments: [String], stdin: Data? = nil, in directory: URL = TestSupport.packageRoot) throws -> TestSupport.ProcessResult {
        try TestSupport.runBinary(arguments + ["--log-format", "json"], in: directory, stdin: stdin)
    }

    private func stageNames(_ output: URL) throws -> [String] {
        let summary = try JSONParser.parse(Data(contentsOf: output.appendingPathComponent("summary.json")))
        guard case let .array(stages)? = summary["stages"] else { return [] }
        return stages.compactMap { $0["name"]?.stringValue }
    }

    @Test func stageSelectionFlags() throws {
        let out = try TestSupport.temporaryDirectory("out")
        #expect(try run(["run", "--output", out.path, "--skip", "dedup"]).status == 0)
        #expect(try stageNames(out) == ["normalize", "boilerplate", "language"])
        #expect(try run(["run", "--output", out.path, "--stop-after", "boilerplate"]).status == 0)
        #expect(try stageNames(out) == ["normalize", "boilerplate"])
        #expect(try run(["run", "--output", out.path, "--stages", "boilerplate,normalize"]).status == 0)
        #expect(try stageNames(out) == ["boilerplate", "normalize"])
        let bad = try run(["run", "--output", out.path, "--skip", "dedup", "--stop-after", "dedup"])
        #expect(bad.status == 2)
    }

    /// The run's time in summary.json covers the corpus pre-pass, which is also given alone
    /// and logged; a run with no stage that needs one has none.
    @Test func summaryTimesTheCorpusPrepass() throws {
        let out = try TestSupport.temporaryDirectory("out")
        let result = try run(["run", "--output", out.path, "--log-level", "info"])
        #expect(result.status == 0)
        #expect(result.stderr.split(separator: "\n").contains { $0.contains("\"message\":\"prepass\"") })
        var timing = try JSONParser.parse(Data(contentsOf: out.appendingPathComponent("summary.json")))["timing"]
        // Written with 3 decimals: a pre-pass of the few seed documents may read as 0.
        let prepass = try #require(timing?["prepass_seconds"]?.doubleValue)
        #expect(prepass >= 0)
        #expect(try #require(timing?["seconds"]?.doubleValue) >= prepass)
        let without = try TestSupport.temporaryDirectory("out")
        #expect(try run(["run", "--output", without.path, "--skip", "boilerplate"]).status == 0)
        timing = try JSONParser.parse(Data(contentsOf: without.appendingPathComponent("summary.json")))["timing"]
        #expect(timing?["prepass_seconds"]?.doubleValue == 0)
    }

    @Test func limitAndDryRun() throws {
        let out = try TestSupport.temporaryDirectory("out")
        #expect(try run(["run", "--output", out.path, "--limit", "2"]).status == 0)
        #expect(try TestSupport.manifest(out).count == 2)
        let dry = try TestSupport.temporaryDirectory("dry").appendingPathComponent("never")
        let result = try run(["run", "--output", dry.path, "--dry-run"])
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: dry.path))
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { (try? JSONParser.parse(string: String($0)))?["status"] == .string("kept") })
    }

    @Test func dumpStagesShowsWhatEachStageDid() throws {
        let dump = try TestSupport.temporaryDirectory("dump")
        let out = try TestSupport.temporaryDirectory("out")
        #expect(try run(["run", "--output", out.path, "--dump-stages", dump.path]).status == 0)
        let folders = try FileManager.default.contentsOfDirectory(atPath: dump.path).sorted()
        #expect(folders == ["00-input", "01-normalize", "02-boilerplate", "03-language", "04-dedup"])
        let name = "000_08959dc2a29a28c1.txt"
        let before = try String(contentsOf: dump.appendingPathComponent("01-normalize/\(name)"), encoding: .utf8)
        let after = try String(contentsOf: dump.appendingPathComponent("02-boilerplate/\(name)"), encoding: .utf8)
        #expect(before.contains("\nSubscribe\n"))
        #expect(!after.contains("\nSubscribe\n"))
        let final = try String(contentsOf: out.appendingPathComponent("docs/\(name)"), encoding: .utf8)
        #expect(final == (try String(contentsOf: dump.appendingPathComponent("04-dedup/\(name)"), encoding: .utf8)))
    }

    @Test func explainShowsEveryStage() throws {
        let text = try TestSupport.runBinary(["explain", "002_1e1ff2a081c457dc.txt", "--no-color"], in: TestSupport.packageRoot)
        #expect(text.status == 0)
        #expect(text.stdout.contains("[slug] ypj-milicias-kurdas"))
        #expect(text.stdout.contains("fixes: nbsp 4"))
        #expect(text.stdout.contains("language en"))
        #expect(!text.stdout.contains("\u{1B}["))
        let json = try TestSupport.runBinary(["explain", "002_1e1ff2a081c457dc.txt", "--json"], in: TestSupport.packageRoot)
        let value = try JSONParser.parse(string: json.stdout)
        guard case let .array(stages)? = value["stages"] else { Issue.record("no stages"); return }
        #expect(stages.count == 4)
        #expect(stages[2]["language"] == .string("en"))
        let missing = try TestSupport.runBinary(["explain", "nope.txt"], in: TestSupport.packageRoot)
        #expect(missing.status == 2)
    }

    @Test func explainNamesTheDuplicateTwin() throws {
        let input = try PipelineRunnerTests.corpus()
        let result = try TestSupport.runBinary(["explain", "sub/006_near_copy.txt", "--input", input.path, "--no-color"],
                                               in: TestSupport.packageRoot)
        #expect(result.status == 0)
        #expect(result.stdout.contains("near duplicate of 001_31e518bab099aebc.txt, similarity"))
        #expect(result.stdout.contains("status: dropped by dedup: near_duplicate"))
    }

    @Test func validateAndExitStatuses() throws {
        #expect(try TestSupport.runBinary(["validate"], in: TestSupport.packageRoot).status == 0)
        let input = try TestSupport.copyOfSeeds()
        try Data().write(to: input.appendingPathComponent("empty.txt"))
        let out = try TestSupport.temporaryDirectory("out")
        #expect(try run(["run", "--input", input.path, "--output", out.path]).status == 3)
        #expect(try run(["run", "--input", input.path, "--output", out.path, "--strict"]).status == 1)
        #expect(try run(["run", "--input", "/nonexistent/input", "--output", out.path]).status == 1)
    }

    @Test func jsonLogsAreOneObjectPerLine() throws {
        let out = try TestSupport.temporaryDirectory("out")
        let result = try run(["run", "--output", out.path])
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count >= 2)
        for line in lines {
            let value = try JSONParser.parse(string: String(line))
            #expect(value["level"] != nil && value["message"] != nil)
        }
        #expect(lines.contains { $0.contains("\"message\":\"stage\"") && $0.contains("\"stage\":\"dedup\"") })
    }

    @Test func progressColourAndAutomaticLogFormat() throws {
        let out = try TestSupport.temporaryDirectory("out")
        // Not a terminal: logs are JSON lines by default, and no progress bar.
        let plain = try TestSupport.runBinary(["run", "--output", out.path], in: TestSupport.packageRoot)
        #expect(plain.stderr.split(separator: "\n").allSatisfy { (try? JSONParser.parse(string: String($0))) != nil })
        #expect(!plain.stderr.contains("MB/s"))
        let forced = try TestSupport.runBinary(["run", "--output", out.path, "--progress", "--log-format", "text"],
                                               in: TestSupport.packageRoot)
        #expect(forced.stderr.contains("5/5 docs"))
        #expect(forced.stderr.contains("MB/s"))
        #expect(forced.stderr.contains("stage        in  out"))
        let coloured = try TestSupport.runBinary(["explain", "000_08959dc2a29a28c1.txt", "--color"], in: TestSupport.packageRoot)
        #expect(coloured.stdout.contains("\u{1B}[33m[ui_phrase]"))
    }

    @Test func aSecondRunOnTheSameOutputIsRefused() throws {
        let out = try TestSupport.temporaryDirectory("out")
        let fd = open(out.appendingPathComponent(".lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let refused = try run(["run", "--output", out.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("another corpusclean run"))
        flock(fd, LOCK_UN)
        close(fd)
        #expect(try run(["run", "--output", out.path]).status == 0)
    }

    @Test func rerunsAreByteIdentical() throws {
        let out = try TestSupport.temporaryDirectory("out")
        #expect(try run(["run", "--output", out.path]).status == 0)
        let first = try PipelineRunnerTests.snapshot(out)
        #expect(try run(["run", "--output", out.path, "--workers", "1"]).status == 0)
        #expect(try PipelineRunnerTests.snapshot(out) == first)
    }

    @Test func gzipInAndOutWithCustomFieldNames() throws {
        let dir = try TestSupport.temporaryDirectory("gz")
        let config = #"{"input": {"id_field": "doc_id", "text_field": "content"}, "output": {"compression": "gzip", "annotations": false}}"#
        try config.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        let records = [#"{"doc_id": 7, "content": "The committee met on Tuesday to discuss the budget for the coming year, and most members agreed.", "added": "2024-01-01", "metadata": {"url": "https://example.org"}}"#,
                       #"{"doc_id": 8, "content": "Le comité s'est réuni mardi pour discuter du budget de l'année prochaine, et la plupart des membres ont approuvé."}"#]
        try (records.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("in.jsonl"), atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [dir.appendingPathComponent("in.jsonl").path]
        try gzip.run()
        gzip.waitUntilExit()
        let result = try run(["run", "--input", "in.jsonl.gz"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let unzip = try TestSupport.runShell("gzip -dc \(dir.appendingPathComponent("out/documents.jsonl.gz").path)")
        let lines = unzip.split(separator: "\n").map { try? JSONParser.parse(string: String($0)) }
        #expect(lines.count == 2)
        guard case let .object(members)? = lines[0] else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["doc_id", "content", "added", "metadata"])
        #expect(lines[0]?["doc_id"] == .number("7"))
        #expect(lines[1]?["corpusclean"] == nil)
    }

    @Test func commonCrawlWETInput() throws {
        let dir = try TestSupport.temporaryDirectory("wet")
        let body = "Subscribe\nThe committee met on Tuesday to discuss the budget for the coming year, and most members agreed."
        let records = [
            "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 12\r\n\r\nisPartOf: x\n\r\n\r\n",
            "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://example.org/a\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n"
                + "WARC-Record-ID: <urn:uuid:aaaa>\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)\r\n\r\n",
        ]
        // Each record its own gzip member, as Common Crawl writes them.
        for (i, record) in records.enumerated() {
            try record.write(to: dir.appendingPathComponent("r\(i)"), atomically: true, encoding: .utf8)
        }
        _ = try TestSupport.runShell("cd \(dir.path) && gzip r0 r1 && cat r0.gz r1.gz > crawl.warc.wet.gz")
        let result = try TestSupport.runBinary(["run", "--input", dir.appendingPathComponent("crawl.warc.wet.gz").path, "--output", "-"],
                                               in: TestSupport.packageRoot.appendingPathComponent("seeds").deletingLastPathComponent())
        #expect(result.status == 0, "\(result.stderr)")
        let record = try JSONParser.parse(string: result.stdout.trimmingCharacters(in: .newlines))
        #expect(record["id"] == .string("urn:uuid:aaaa"))
        #expect(record["url"] == .string("https://example.org/a"))
        #expect(record["date"] == .string("2024-05-01T10:00:00Z"))
        #expect(record["text"]?.stringValue?.hasPrefix("The committee") == true)
    }

    @Test func manifestValidatesAgainstTheSchema() throws {
        let schema = try JSONParser.parse(Data(contentsOf: TestSupport.packageRoot
            .appendingPathComponent("Sources/CorpusCleanCore/Schema/manifest.schema.json")))
        let validator = JSONSchemaValidator(root: schema)
        let input = try PipelineRunnerTests.corpus()
        try Data([0xC3, 0x28, 0x41]).write(to: input.appendingPathComponent("bad.txt"))
        let out = try TestSupport.temporaryDirectory("out")
        #expect(try run(["run", "--input", input.path, "--output", out.path]).status == 3)
        let manifest = try TestSupport.manifest(out)
        #expect(manifest.count == 9)
        for line in manifest {
            let errors = validator.errors(line)
            #expect(errors.isEmpty, "\(errors)")
        }
        #expect(!validator.errors(.object([("id", .number("1"))])).isEmpty)
    }
}
