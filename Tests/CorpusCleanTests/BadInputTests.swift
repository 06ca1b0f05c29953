import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

@Suite struct BadInputTests {
    /// Runs the default pipeline over a directory holding the seeds plus `extra` files.
    private func run(extra: [String: [UInt8]], config: String = "{}") throws -> (manifest: [String: JSONValue], summary: RunSummary, output: URL) {
        let input = try TestSupport.copyOfSeeds()
        for (name, bytes) in extra {
            try Data(bytes).write(to: input.appendingPathComponent(name))
        }
        let output = try TestSupport.temporaryDirectory("out")
        let summary = try TestSupport.runJob(try TestSupport.config(config), input: input, output: output)
        let manifest = try TestSupport.manifest(output)
        return (Dictionary(uniqueKeysWithValues: manifest.map { ($0["id"]!.stringValue!, $0) }), summary, output)
    }

    @Test func badFilesAreErrorsAndTheRunGoesOn() throws {
        let latin1 = Array("Caf".utf8) + [0xE9] + Array(" au lait, s'il vous plaît.".utf8)
        let binary: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00] + Array(repeating: 0, count: 50)
        let (manifest, summary, output) = try run(extra: ["bad_utf8.txt": latin1, "empty.txt": [], "blank.txt": Array(" \n\t\n".utf8),
                                                           "program.bin": binary])
        #expect(manifest.count == 9)
        #expect(summary.errors == 4)
        #expect(summary.kept == 5)
        #expect(manifest["bad_utf8.txt"]?["status"] == .string("error"))
        #expect(manifest["bad_utf8.txt"]?["reason"]?.stringValue?.hasPrefix("invalid UTF-8 at byte 3") == true)
        #expect(manifest["empty.txt"]?["reason"]?.stringValue?.hasPrefix("empty") == true)
        #expect(manifest["blank.txt"]?["reason"]?.stringValue?.hasPrefix("empty") == true)
        #expect(manifest["program.bin"]?["reason"]?.stringValue?.hasPrefix("binary") == true)
        let rejected = try TestSupport.lines(output.appendingPathComponent("rejected.jsonl"))
        #expect(rejected.count == 4)
        let bad = rejected.first { $0["id"] == .string("bad_utf8.txt") }
        #expect(bad?["raw_base64"]?.stringValue == Data(latin1).base64EncodedString())
    }

    @Test func invalidUTF8CanBeReplacedOrDetected() throws {
        let latin1 = "Der Bürgermeister äußerte sich über die Straße und die Gebäude in München, während".unicodeScalars
            .map { UInt8($0.value) }
        let replaced = try run(extra: ["x.txt": latin1], config: #"{"input": {"invalid_utf8": "replace"}}"#)
        #expect(replaced.manifest["x.txt"]?["status"] == .string("kept"))
        #expect(replaced.manifest["x.txt"]?["decoding"]?.stringValue?.contains("U+FFFD") == true)
        let cp1252 = Array("Le comité a décidé que l’été serait consacré à la rénovation des écoles élémentaires.".unicodeScalars
            .map { $0.value == 0x2019 ? UInt8(0x92) : UInt8(truncatingIfNeeded: $0.value) })
        let detected = try run(extra: ["y.txt": cp1252], config: #"{"input": {"invalid_utf8": "detect"}}"#)
        #expect(detected.manifest["y.txt"]?["status"] == .string("kept"))
        #expect(detected.manifest["y.txt"]?["decoding"]?.stringValue?.contains("decoded as") == true)
        let text = try String(contentsOf: detected.output.appendingPathComponent("docs/y.txt"), encoding: .utf8)
        #expect(text.contains("comité a décidé que l’été"))
    }

    /// `invalid_utf8: "web"` (the web-noise policy): damaged UTF-8 keeps its good sequences
    /// and gets one U+FFFD per maximal ill-formed part; bytes without one well-formed
    /// multi-byte sequence are Windows-1252; neither is an error, and the manifest says which.
    @Test func invalidUTF8CanBeReadByTheWebPolicy() throws {
        let damaged: [UInt8] = Array("caf\u{E9} ".utf8) + [0xC0, 0xAF] + Array(" and ".utf8) + [0xED, 0xA0, 0x80] + Array(" cut ".utf8) + [0xE2, 0x80]
        let cp1252: [UInt8] = [0x93] + Array("Caf".utf8) + [0xE9, 0x94, 0x20, 0x80, 0x35, 0x81]
        let web = try run(extra: ["d.txt": damaged, "w.txt": cp1252], config: #"{"input": {"invalid_utf8": "web"}}"#)
        #expect(web.summary.errors == 0)
        #expect(web.manifest["d.txt"]?["decoding"]?.stringValue?.contains("damaged UTF-8") == true)
        #expect(web.manifest["w.txt"]?["decoding"]?.stringValue?.contains("windows-1252") == true)
        #expect(web.manifest["d.txt"]?["status"] != .string("error"))
        #expect(web.manifest["w.txt"]?["status"] != .string("error"))
        let decoder = ByteDecoder(invalidUTF8: .web)
        #expect(decoder.decode(damaged).text == "café \u{FFFD}\u{FFFD} and \u{FFFD}\u{FFFD}\u{FFFD} cut \u{FFFD}")
        #expect(decoder.decode(cp1252).text == "“Café” €5\u{81}")
        #expect(decoder.decode([0xFF, 0xFE, 0x41, 0x00, 0xE9, 0x00]).text == "Aé")
    }

    @Test func anUnreadableFileIsAnError() throws {
        let input = try TestSupport.copyOfSeeds()
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("dangling.txt").path,
                                                   withDestinationPath: "/nonexistent/target")
        let output = try TestSupport.temporaryDirectory("out")
        let summary = try TestSupport.runJob(try TestSupport.config("{}"), input: input, output: output)
        let manifest = try TestSupport.manifest(output)
        let line = manifest.first { $0["id"] == .string("dangling.txt") }
        #expect(line?["status"] == .string("error"))
        #expect(line?["reason"]?.stringValue?.hasPrefix("unreadable") == true)
        #expect(summary.errors == 1)
    }

    @Test func malformedJSONLLinesAreErrors() throws {
        let dir = try TestSupport.temporaryDirectory("jsonl")
        let input = dir.appendingPathComponent("in.jsonl")
        let good = #"{"id": "a", "text": "A perfectly normal sentence that is long enough to be kept by every stage."}"#
        let lines = [good, #"{"id": "b", "text": "unterminated"#, "", #"{"id": "c", "body": "no text field"}"#,
                     #"{"id": "d", "text": 42}"#, #"["not", "an", "object"]"#,
                     #"{"id": "e", "text": "Another sentence that is long enough and different from the first one entirely."}"#]
        try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out")
        let summary = try TestSupport.runJob(try TestSupport.config("{}"), input: input, output: output)
        let manifest = try TestSupport.manifest(output)
        #expect(manifest.count == 6)
        #expect(summary.errors == 4)
        #expect(manifest.map { $0["status"]!.stringValue! } == ["kept", "error", "error", "error", "error", "kept"])
        #expect(manifest[1]["reason"]?.stringValue?.hasPrefix("malformed JSON") == true)
        #expect(manifest[1]["location"]?.stringValue?.hasSuffix("in.jsonl:2") == true)
        #expect(manifest[2]["reason"]?.stringValue?.contains("missing text field") == true)
        #expect(manifest[3]["reason"]?.stringValue?.contains("not string") == true)
        let rejected = try TestSupport.lines(output.appendingPathComponent("rejected.jsonl"))
        #expect(rejected.count == 4)
        #expect(rejected[0]["raw"]?.stringValue == lines[1])
    }

    /// Runs the default pipeline over a JSONL file holding `bytes`.
    private func runJSONL(_ bytes: [UInt8], gzip: Bool = false) throws -> (manifest: [JSONValue], summary: RunSummary, output: URL) {
        let dir = try TestSupport.temporaryDirectory("jsonl")
        var input = dir.appendingPathComponent("in.jsonl")
        try Data(bytes).write(to: input)
        if gzip {
            try TestSupport.runShell("gzip \(input.path)")
            input = dir.appendingPathComponent("in.jsonl.gz")
        }
        let output = dir.appendingPathComponent("out")
        let summary = try TestSupport.runJob(try TestSupport.config("{}"), input: input, output: output)
        return (try TestSupport.manifest(output), summary, output)
    }

    @Test func aRecordThatGivesAKeyTwiceIsAnError() throws {
        let lines = [
            #"{"id": "a", "text": "The first of two texts of one record, long enough to be kept by every stage.", "text": "The second one."}"#,
            #"{"id": "b", "text": "A record that gives its id twice, with a text long enough to be kept by every stage.", "id": "c"}"#,
            #"{"id": "d", "lang": "en", "text": "A record that gives another key twice, long enough to be kept by any stage.", "lang": "de"}"#,
            #"{"id": "e", "text": "A perfectly normal record that is long enough to be kept by every stage.", "meta": {"k": 1, "k": 2}}"#,
        ]
        let (manifest, summary, output) = try runJSONL(Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(manifest.map { $0["status"]!.stringValue! } == ["error", "error", "error", "kept"])
        #expect(manifest.map { $0["reason"]?.stringValue } == [#"duplicate key "text" in the record"#,
                                                              #"duplicate key "id" in the record"#,
                                                              #"duplicate key "lang" in the record"#, nil])
        // Which of two ids is the record's cannot be told: the line names it.
        #expect(manifest.map { $0["id"]!.stringValue! } == ["a", "\(output.deletingLastPathComponent().path)/in.jsonl:2", "d", "e"])
        #expect(summary.errorReasons == ["duplicate_key": 3])
        let rejected = try TestSupport.lines(output.appendingPathComponent("rejected.jsonl"))
        #expect(rejected.map { $0["raw"]?.stringValue } == lines.prefix(3).map(Optional.some))
        // Keys of nested objects are passed through as they are.
        let kept = try TestSupport.lines(output.appendingPathComponent("documents.jsonl"))
        guard case let .object(meta)? = kept.first?["meta"] else { Issue.record("no meta"); return }
        #expect(meta.map(\.key) == ["k", "k"])
    }

    @Test func aByteOrderMarkIsSkippedAtTheStartOfTheInputOnly() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let first = #"{"id": "a", "text": "A perfectly normal sentence that is long enough to be kept by every stage."}"#
        let second = #"{"id": "b", "text": "Another sentence that is long enough and different from the first one entirely."}"#
        let bytes = bom + Array((first + "\n").utf8) + bom + Array((second + "\n").utf8)
        for gzip in [false, true] {
            let (manifest, summary, _) = try runJSONL(bytes, gzip: gzip)
            #expect(manifest.map { $0["status"]!.stringValue! } == ["kept", "error"], "gzip \(gzip)")
            #expect(manifest[0]["id"] == .string("a"))
            #expect(manifest[1]["reason"]?.stringValue?.hasPrefix("malformed JSON: unexpected character") == true)
            #expect(summary.errorReasons == ["malformed_json": 1])
        }
    }

    @Test func errorsAreCountedByReasonCodeWithoutPositions() throws {
        let lines = [#"{"id": "a", "text": "unterminated"#, #"{"id": "bb", "text": "a longer unterminated string"#,
                     #"{"id": "c" "text": "x"}"#, #"[1]"#, #"{"id": "d"}"#, #"{"id": "e", "text": null}"#, #"{"id": "f", "text": " "}"#]
        let (manifest, summary, output) = try runJSONL(Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(summary.errorReasons == ["malformed_json": 3, "malformed_record": 1, "missing_text": 1, "text_not_string": 1, "empty": 1])
        // The manifest keeps the whole message, positions included.
        #expect(manifest.prefix(3).allSatisfy { $0["reason"]?.stringValue?.contains(" at byte ") == true })
        let written = try JSONParser.parse(Data(contentsOf: output.appendingPathComponent("summary.json")))
        guard case let .object(counts)? = written["errors_by_reason"] else { Issue.record("no errors_by_reason"); return }
        #expect(counts.map(\.key).sorted() == ["empty", "malformed_json", "malformed_record", "missing_text", "text_not_string"])
        let latin1 = Array("Caf".utf8) + [0xE9]
        let files = try run(extra: ["bad1.txt": latin1, "bad2.txt": Array("Plain words first, then ".utf8) + latin1,
                                    "empty.txt": [], "program.bin": [0x7F, 0x45, 0x00, 0x01]])
        #expect(files.summary.errorReasons == ["invalid_utf8": 2, "empty": 1, "binary": 1])
        #expect(files.manifest["bad2.txt"]?["reason"]?.stringValue == "invalid UTF-8 at byte 27")
    }

    @Test func anOutputDirectoryInsideTheInputIsNotRead() throws {
        let input = try TestSupport.copyOfSeeds()
        let output = input.appendingPathComponent("out")
        try TestSupport.runJob(try TestSupport.config("{}"), input: input, output: output)
        let summary = try TestSupport.runJob(try TestSupport.config("{}"), input: input, output: output)
        #expect(summary.documents == 5)
    }

    @Test func gzipInputIsRead() throws {
        let dir = try TestSupport.temporaryDirectory("gz")
        let plain = dir.appendingPathComponent("in.jsonl")
        try #"{"id": "a", "text": "A perfectly normal sentence that is long enough to be kept by every stage."}"#
            .appending("\n").write(to: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let output = dir.appendingPathComponent("out")
        let summary = try TestSupport.runJob(try TestSupport.config("{}"), input: dir.appendingPathComponent("in.jsonl.gz"), output: output)
        #expect(summary.kept == 1)
    }

    @Test func aBrokenGzipStreamFailsTheRunAndCommitsNothing() throws {
        let dir = try TestSupport.temporaryDirectory("gz-broken")
        let plain = dir.appendingPathComponent("in.jsonl")
        let lines = (0..<400).map { #"{"id": "d\#($0)", "text": "Record \#($0) of a corpus, with \#($0 * 7919 % 104729) in it."}"# }
        try (lines.joined(separator: "\n") + "\n").write(to: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = dir.appendingPathComponent("in.jsonl.gz")
        let bytes = try Data(contentsOf: compressed)
        try bytes.prefix(bytes.count / 2).write(to: compressed)
        let output = dir.appendingPathComponent("out")
        #expect(throws: InputError.self) {
            try TestSupport.runJob(try TestSupport.config("{}"), input: compressed, output: output)
        }
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("summary.json").path))
    }
}
