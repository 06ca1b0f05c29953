import Foundation
import Testing
import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
@testable import CorpusCleanCLI

/// A stage added the way the registry means it to be (`MinimumLengthStage`: one file, one
/// line here) is validated, listed, run, and reported in the manifest like a built-in one.
@Suite struct StageRegistryTests {
    static let registry = StageRegistry.builtIn.adding(StageDefinition(MinimumLengthStage.self))

    static func config(_ json: String, registry: StageRegistry = registry) throws -> PipelineConfig {
        try PipelineConfig(file: "toy.json", baseDirectory: ".", value: try JSONParser.parse(string: json), registry: registry)
    }

    static func configError(_ json: String, registry: StageRegistry = registry) -> ConfigError? {
        do throws(ConfigError) {
            _ = try PipelineConfig(file: "toy.json", baseDirectory: ".", value: try! JSONParser.parse(string: json), registry: registry)
            return nil
        } catch {
            return error
        }
    }

    static func schemaFile() throws -> JSONValue {
        try JSONParser.parse(Data(contentsOf: TestSupport.packageRoot
            .appendingPathComponent("Sources/CorpusCleanCore/Schema/manifest.schema.json")))
    }

    @Test func theSchemaFileNamesTheBuiltInStages() throws {
        let file = try Self.schemaFile()
        #expect(ManifestSchema.specialized(file, for: .builtIn) == file)
    }

    @Test func theNewStageValidatesItsOptions() throws {
        let range = try #require(Self.configError(#"{"min_length": {"min_chars": 0}}"#))
        #expect(range.file == "toy.json")
        #expect(range.keyPath == "min_length.min_chars")
        #expect(range.message.contains("out of range 1...1000000"))
        let unknown = try #require(Self.configError(#"{"min_length": {"min_words": 3}}"#))
        #expect(unknown.keyPath == "min_length.min_words")
        #expect(unknown.message.contains("valid keys here: min_chars"))
        let type = try #require(Self.configError(#"{"min_length": {"min_chars": "many"}}"#))
        #expect(type.message.contains("expected integer 1...1000000"))
        // The built-in registry does not know it: the registry is the list of stages.
        let builtIn = try #require(Self.configError(#"{"stages": ["min_length"]}"#, registry: .builtIn))
        #expect(builtIn.keyPath == "stages[0]")
        #expect(try Self.config(#"{"min_length": {"min_chars": 50}}"#)[MinimumLengthStage.self].minChars == 50)
        #expect(try Self.config("{}")[MinimumLengthStage.self].minChars == 200)
    }

    @Test func theNewStageIsInTheReferenceAndTheConfigHash() throws {
        let reference = ConfigReference(registry: Self.registry).text
        #expect(reference.contains("stage min_length: Drops documents shorter than min_chars characters.\n"
            + "  min_chars  (integer 1...1000000, default 200)\n      Documents with fewer characters are dropped.\n"))
        for stage in StageRegistry.builtIn.definitions { #expect(reference.contains("stage \(stage.name): \(stage.summary)\n")) }
        #expect(reference.contains("list of normalize|boilerplate|language|dedup|min_length"))
        let defaults = try Self.config("{}")
        #expect(defaults.stages.map(\.rawValue) == ["normalize", "boilerplate", "language", "dedup", "min_length"])
        #expect(defaults.configHash != (try Self.config(#"{"min_length": {"min_chars": 201}}"#)).configHash)
        #expect(defaults.effectiveJSON.hasSuffix(#","min_length":{"min_chars":200}}"#))
    }

    @Test func theNewStageRunsAndReportsInTheManifest() throws {
        let input = try TestSupport.copyOfSeeds()
        try "Too short to keep.".write(to: input.appendingPathComponent("short.txt"), atomically: true, encoding: .utf8)
        let config = try Self.config(#"{"stages": ["normalize", "min_length", "dedup"], "min_length": {"min_chars": 100}}"#)
        #expect(config.makeSteps().map(\.name.rawValue) == ["normalize", "min_length", "dedup"])
        let output = try TestSupport.temporaryDirectory("toy")
        let summary = try TestSupport.runJob(config, input: input, output: output)
        #expect(summary.stages.map(\.stage.rawValue) == ["normalize", "min_length", "dedup"])
        let manifest = try TestSupport.manifest(output)
        #expect(manifest.count == TestSupport.seedNames.count + 1)
        let short = try #require(manifest.first { $0["id"] == .string("short.txt") })
        #expect(short["status"] == .string("dropped"))
        #expect(short["stage"] == .string("min_length"))
        #expect(short["reason"] == .string("too_short"))
        #expect(short["attributes"]?["min_length"]?["chars"] == .number("18"))
        for line in manifest where line["id"] != .string("short.txt") {
            #expect(line["status"] == .string("kept"))
            #expect(line["attributes"]?["min_length"]?["chars"]?.doubleValue ?? 0 >= 100)
        }
        let validator = JSONSchemaValidator(root: ManifestSchema.specialized(try Self.schemaFile(), for: Self.registry))
        for line in manifest { #expect(validator.errors(line) == []) }
        // The built-in stages' schema does not know the stage.
        let builtIn = JSONSchemaValidator(root: try Self.schemaFile())
        #expect(builtIn.errors(short).count == 2)
        let rejected = try TestSupport.lines(output.appendingPathComponent("rejected.jsonl"))
        #expect(rejected.map { $0["detail"] } == [.string("18 characters < min_chars 100")])

        let explained = try #require(try DocumentExplanation.explain(id: "short.txt", config: config, inputPath: input.path,
                                                                       logger: TestSupport.logger))
        let text = ExplainRenderer.text(explained, color: false)
        #expect(text.contains("status: dropped by min_length: too_short"))
        #expect(text.contains("── min_length\n   chars: 18\n   dropped: too_short (18 characters < min_chars 100)\n"))
        let json = try JSONParser.parse(string: ExplainRenderer.json(explained))
        guard case let .array(stages)? = json["stages"] else { Issue.record("no stages in \(json)"); return }
        #expect(stages[1]["name"] == .string("min_length"))
        #expect(stages[1]["attributes"]?["chars"] == .number("18"))
    }
}
