import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Runs the real binary.
@Suite struct CLITests {
    @Test func runsTheMainJobAndExitsZero() throws {
        let output = try TestSupport.temporaryDirectory("out")
        let result = try TestSupport.runBinary(["run", "--output", output.path], in: TestSupport.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("summary.json").path))
        #expect(try TestSupport.manifest(output).count == 5)
    }

    @Test func documentErrorsExitThree() throws {
        let input = try TestSupport.copyOfSeeds()
        try Data([0xFF, 0xFE, 0x00]).write(to: input.appendingPathComponent("broken.txt"))
        try Data().write(to: input.appendingPathComponent("empty.txt"))
        let output = try TestSupport.temporaryDirectory("out")
        let result = try TestSupport.runBinary(["run", "--input", input.path, "--output", output.path], in: TestSupport.packageRoot)
        #expect(result.status == 3)
        #expect(try TestSupport.manifest(output).count == 7)
    }

    @Test func configErrorsExitTwoNamingFileAndKey() throws {
        let dir = try TestSupport.temporaryDirectory("cfg")
        let path = dir.appendingPathComponent("bad.json").path
        try #"{"dedup": {"threshold": "high"}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try TestSupport.runBinary(["run", "--config", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(path))
        #expect(result.stderr.contains("dedup.threshold"))
        let validate = try TestSupport.runBinary(["validate", "--config", path])
        #expect(validate.status == 2)
        let stages = try TestSupport.runBinary(["run", "--stages", "normalize,dedupe"], in: TestSupport.packageRoot)
        #expect(stages.status == 2)
        #expect(stages.stderr.contains("boilerplate"))
    }

    @Test func anAllowedLanguageThatIsNoCodeExitsTwoNamingFileAndKey() throws {
        let dir = try TestSupport.temporaryDirectory("cfg")
        let path = dir.appendingPathComponent("lang.json").path
        try #"{"language": {"allowed": ["english", "de"]}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out")
        let result = try TestSupport.runBinary(["run", "--config", path, "--output", output.path], in: TestSupport.packageRoot)
        #expect(result.status == 2)
        #expect(result.stderr.contains(#"\#(path): language.allowed[0]: "english" is not a language code"#), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(try TestSupport.runBinary(["validate", "--config", path]).status == 2)
    }

    @Test func stdinToStdout() throws {
        let dir = try TestSupport.temporaryDirectory("pipe")
        let line = #"{"id": "x", "text": "Subscribe\nThe committee met on Tuesday to discuss the budget for the coming year, and most members agreed.", "keep": true}"#
        // No pipeline.json in this directory: the built-in defaults.
        let ok = try TestSupport.runBinary(["run", "--input", "-", "--output", "-"], in: dir, stdin: Data((line + "\n").utf8))
        #expect(ok.status == 0, "\(ok.stderr)")
        let record = try JSONParser.parse(string: ok.stdout.trimmingCharacters(in: .newlines))
        #expect(record["keep"] == .bool(true))
        #expect(record["text"]?.stringValue?.hasPrefix("The committee") == true)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/manifest.jsonl").path))
    }

    @Test func stagesListsEveryOption() throws {
        let result = try TestSupport.runBinary(["stages"])
        #expect(result.status == 0)
        for stage in StageRegistry.builtIn.definitions {
            #expect(result.stdout.contains("stage \(stage.name): \(stage.summary)"))
            for spec in stage.specs { #expect(result.stdout.contains(spec.key)) }
        }
    }
}

@Suite struct DocumentationTests {
    @Test func configurationReferenceMatchesTheCode() throws {
        let page = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        let result = try TestSupport.runBinary(["stages"])
        #expect(page.contains("<!-- stages:begin -->\n```text\n" + result.stdout + "```\n<!-- stages:end -->"),
                "docs/configuration.md's reference is out of date: run scripts/update-readme.sh")
    }
}
