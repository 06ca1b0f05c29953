import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Plugging into real corpora: Dolma's `metadata` object, JSON log lines for log shippers,
/// and standard input cleaned exactly like the same file.
@Suite struct InteropTests {
    /// The seeds as a Dolma-style JSONL file: `id`, `text`, `source`, `metadata` with a url;
    /// every text gets the same short line after its first line, so the corpus pre-pass has
    /// something to find.
    static func dolmaSeeds() throws -> Data {
        var w = JSONWriter()
        for name in TestSupport.seedNames {
            var lines = try TestSupport.seedText(name).split(separator: "\n", omittingEmptySubsequences: false)
            lines.insert("Weekly regional roundup from the valley desk", at: 1)
            w.openObject()
            w.key("id"); w.string(name)
            w.key("text"); w.string(lines.joined(separator: "\n"))
            w.key("source"); w.string("common-crawl")
            w.key("metadata"); w.openObject()
            w.key("url"); w.string("https://example.org/\(name)")
            w.key("corpusclean"); w.string("from an earlier run")
            w.closeObject()
            w.closeObject()
            w.newline()
        }
        return Data(w.bytes)
    }

    @Test func annotationsMergeIntoAnExistingObjectField() throws {
        let dir = try TestSupport.temporaryDirectory("dolma")
        let input = dir.appendingPathComponent("shard.jsonl")
        var data = try Self.dolmaSeeds()
        data.append(Data(#"{"id": "flat", "text": "The committee met on Tuesday to discuss the budget for the coming year.", "metadata": "https://example.org/flat"}"#.utf8 + [0x0A]))
        try data.write(to: input)
        let output = dir.appendingPathComponent("out")
        let config = try TestSupport.config(#"{"output": {"annotation_key": "metadata"}}"#)
        let summary = try TestSupport.runJob(config, input: input, output: output)
        #expect(summary.errorReasons == ["annotation_not_object": 1])

        let records = try TestSupport.lines(output.appendingPathComponent("documents.jsonl"))
        #expect(!records.isEmpty)
        for record in records {
            guard case let .object(members) = record, case let .object(metadata)? = record["metadata"] else {
                Issue.record("no metadata object in \(record)"); continue
            }
            #expect(members.map(\.key) == ["id", "text", "source", "metadata"])
            #expect(metadata.map(\.key) == ["url", "corpusclean"])
            let id = record["id"]?.stringValue ?? ""
            #expect(record["metadata"]?["url"] == .string("https://example.org/\(id)"))
            let annotations = record["metadata"]?["corpusclean"]
            #expect(annotations?["language"] == .string("en"))
            #expect(annotations?["lines_removed"]?.doubleValue ?? 0 > 0)
            #expect(annotations?["fixes"] != nil)
        }
        // A metadata value that is not an object would be lost: an error document, kept whole.
        let rejected = try TestSupport.lines(output.appendingPathComponent("rejected.jsonl"))
        let flat = try #require(rejected.first { $0["id"] == .string("flat") })
        #expect(flat["status"] == .string("error"))
        #expect(flat["raw"]?.stringValue?.contains(#""metadata": "https://example.org/flat""#) == true)
    }

    @Test func jsonLogLinesAreTyped() throws {
        let output = try TestSupport.temporaryDirectory("out")
        let result = try TestSupport.runBinary(["run", "--output", output.path, "--log-format", "json"], in: TestSupport.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count >= 6)
        let time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
        var stages: [String: JSONValue] = [:]
        var done: JSONValue?
        for line in lines {
            let value = try JSONParser.parse(string: line)
            let stamp = try #require(value["time"]?.stringValue, "no time in \(line)")
            #expect(stamp.wholeMatch(of: time) != nil, "\(stamp)")
            #expect(value["level"]?.stringValue != nil)
            if value["message"] == .string("stage"), let stage = value["stage"]?.stringValue { stages[stage] = value }
            if value["message"] == .string("done") { done = value }
            if value["message"] == .string("run") { #expect(value["workers"]?.typeName == "number") }
        }
        #expect(Set(stages.keys) == ["normalize", "boilerplate", "language", "dedup"])
        for (_, stage) in stages {
            for key in ["in", "out", "seconds"] { #expect(stage[key]?.typeName == "number", "\(key) in \(stage)") }
            #expect(stage["dropped"]?.typeName == "object")
            #expect(stage["lines_removed"]?.typeName == "object")
        }
        #expect(stages["boilerplate"]?["lines_removed"]?["ui_phrase"]?.typeName == "number")
        let summary = try #require(done)
        for key in ["documents", "kept", "dropped", "errors", "seconds"] { #expect(summary[key]?.typeName == "number", "\(key)") }
        #expect(summary["documents"] == .number("5"))
        #expect(summary["errors_by_reason"]?.typeName == "object")
    }

    @Test func textLogsStayReadable() throws {
        let output = try TestSupport.temporaryDirectory("out")
        let result = try TestSupport.runBinary(["run", "--output", output.path, "--log-format", "text"], in: TestSupport.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("corpusclean: run "))
        #expect(result.stderr.contains(" workers="))
        #expect(result.stderr.contains("dropped by reason"))
        #expect(!result.stderr.contains("\"time\""))
    }

    @Test func standardInputIsCleanedLikeTheSameFile() throws {
        let dir = try TestSupport.temporaryDirectory("stdin")
        let data = try Self.dolmaSeeds()
        let file = dir.appendingPathComponent("shard.jsonl")
        try data.write(to: file)
        let spoolDirectory = dir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: spoolDirectory, withIntermediateDirectories: true)
        let fromFile = dir.appendingPathComponent("from-file"), fromStdin = dir.appendingPathComponent("from-stdin")
        let a = try TestSupport.runBinary(["run", "--input", file.path, "--output", fromFile.path, "--log-format", "json"],
                                          in: TestSupport.packageRoot)
        let b = try TestSupport.runBinary(["run", "--input", "-", "--output", fromStdin.path, "--log-format", "json"],
                                          in: TestSupport.packageRoot, stdin: data, environment: ["TMPDIR": spoolDirectory.path])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(b.status == 0, "\(b.stderr)")
        #expect(!b.stderr.contains("pre-pass skipped"))
        let documents = "documents.jsonl"
        #expect(try Data(contentsOf: fromFile.appendingPathComponent(documents)) == Data(contentsOf: fromStdin.appendingPathComponent(documents)))
        func withoutLocation(_ output: URL) throws -> [JSONValue] {
            try TestSupport.manifest(output).map { line in
                guard case let .object(members) = line else { return line }
                return .object(members.filter { $0.key != "location" })
            }
        }
        let manifest = try withoutLocation(fromStdin)
        #expect(try withoutLocation(fromFile) == manifest)
        #expect(try TestSupport.manifest(fromStdin).first?["location"] == .string("stdin:1"))
        // The pre-pass ran on stdin: the line shared by every document went.
        #expect(manifest.contains { $0["removed_by_reason"]?["repeated_across_corpus"] != nil })
        // And the spooled copy is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolDirectory.path).isEmpty)
    }

    @Test func aSpoolThatCannotBeWrittenFailsTheRun() throws {
        let dir = try TestSupport.temporaryDirectory("stdin")
        let output = dir.appendingPathComponent("out")
        let result = try TestSupport.runBinary(["run", "--input", "-", "--output", output.path, "--log-format", "text"],
                                               in: TestSupport.packageRoot, stdin: try Self.dolmaSeeds(),
                                               environment: ["TMPDIR": dir.appendingPathComponent("missing").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("temporary file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("summary.json").path))
    }

    @Test(.enabled(if: getuid() == 0, "mounts a tmpfs in a private mount namespace: needs root, as CI runs"))
    func aFullSpoolFolderFailsTheRunAndLeavesNothing() throws {
        let mount = try TestSupport.temporaryDirectory("tmpfs")
        let input = try ShingleStoreFailureTests.corpus(bytes: 400_000)
        let output = try TestSupport.temporaryDirectory("out")
        let result = try ShingleStoreFailureTests.shell("""
            exec unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$0" || exit 90
            TMPDIR="$0" "$BIN" run -i - -o "$2" < "$1"; status=$?; echo "left:[$(ls -A "$0")]" >&2; exit $status' '\(mount.path)' '\(input.path)' '\(output.path)'
            """)
        #expect(result.status != 90, "could not mount a tmpfs: \(result.stderr)")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write standard input to a temporary file"), "\(result.stderr)")
        #expect(result.stderr.contains("left:[]"), "the spooled part was not deleted: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("summary.json").path))
    }
}
