import Dispatch
import Foundation

/// A validated `pipeline.json`.
public struct PipelineConfig: Sendable {
    /// The file it came from (for messages), or `<defaults>`.
    public let file: String
    /// Directory that relative paths in the file are resolved against.
    public let baseDirectory: String
    public var input: InputOptions
    public var output: OutputOptions
    /// Worker threads for per-document work; 0 means one per core.
    public var workers: Int
    /// Documents processed together; bounds memory.
    public var batchSize: Int
    public var stages: [StageName]
    /// The stages this config knows (their sections, their names in `stages`).
    public let registry: StageRegistry
    /// Each known stage's options, as its section gave them.
    private var stageOptions: [StageName: any ConfigOptions]
    /// Effective options of the sections that decide the output (stage sections, input
    /// decoding, output annotations), defaults filled in; paths and workers are left out.
    private let effectiveSections: [(key: String, value: JSONValue)]

    /// Top-level keys of a config for the stages of `registry`: one section per stage.
    public static func specs(for registry: StageRegistry) -> [OptionSpec] {
        [
            OptionSpec("version", .integer(1...1), default: .number("1"), "Schema version of this file."),
            OptionSpec("input", .section, default: .object([]), "Where documents come from (see input.*)."),
            OptionSpec("output", .section, default: .object([]), "Where results go (see output.*)."),
            OptionSpec("workers", .integer(0...1024), default: .number("0"), "Worker threads; 0 = one per core."),
            OptionSpec("batch_size", .integer(1...1_000_000), default: .number("512"),
                       "Documents in flight at once; memory grows with it, not with the corpus."),
            OptionSpec("stages", .stringList(choices: registry.names.map(\.rawValue)),
                       default: .array(registry.names.map { .string($0.rawValue) }), "Stages to run, in order."),
        ] + registry.names.map { OptionSpec($0.rawValue, .section, default: .object([]), "Options of the \($0) stage.") }
    }

    /// Reads and validates a config file. Every problem is a ConfigError naming file and key.
    public static func load(path: String, registry: StageRegistry) throws(ConfigError) -> PipelineConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, keyPath: "", message: "cannot read the file")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(data))
        } catch {
            throw ConfigError(file: path, keyPath: "", message: "not valid JSON: \(error)")
        }
        let base = (path as NSString).deletingLastPathComponent
        return try PipelineConfig(file: path, baseDirectory: base.isEmpty ? "." : base, value: value, registry: registry)
    }

    /// The defaults, as an empty `{}` gives them.
    public static func defaults(baseDirectory: String = ".", registry: StageRegistry) -> PipelineConfig {
        try! PipelineConfig(file: "<defaults>", baseDirectory: baseDirectory, value: .object([]), registry: registry)
    }

    /// Validates a parsed config file (`value`) for the stages of `registry`; every problem is a
    /// ConfigError naming `file` and the key.
    public init(file: String, baseDirectory: String, value: JSONValue, registry: StageRegistry) throws(ConfigError) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.registry = registry
        let root = try ConfigSection(file: file, path: "", value: value, specs: PipelineConfig.specs(for: registry))
        let inputSection = try root.section("input", specs: InputOptions.specs)
        let outputSection = try root.section("output", specs: OutputOptions.specs)
        input = try InputOptions(section: inputSection)
        output = try OutputOptions(section: outputSection)
        workers = root.int("workers")
        batchSize = root.int("batch_size")
        let names = root.strings("stages")
        var seen = Set<String>()
        for (i, name) in names.enumerated() where !seen.insert(name).inserted {
            throw ConfigError(file: file, keyPath: "stages[\(i)]", message: "stage \"\(name)\" is listed twice")
        }
        stages = names.map(StageName.init(rawValue:))
        var options: [StageName: any ConfigOptions] = [:]
        var sections = [("input", inputSection.effective), ("output", outputSection.effective)]
        for definition in registry.definitions {
            let section = try root.section(definition.name.rawValue, specs: definition.specs)
            options[definition.name] = try definition.options(from: section)
            sections.append((definition.name.rawValue, section.effective))
        }
        stageOptions = options
        effectiveSections = sections.map { key, effective in
            guard case let .object(members) = effective else { return (key, effective) }
            return (key, .object(members.filter { $0.key != "path" }))
        }
    }

    /// The options of `stage` (a stage of `registry`), as its section gave them. Setting them
    /// changes what `makeSteps` makes (a command-line flag overriding a file's option), not
    /// `effectiveJSON` and `configHash`, which stay those of the file.
    public subscript<Stage: RegisteredStage>(stage: Stage.Type) -> Stage.Options {
        get { stageOptions[Stage.name] as! Stage.Options }
        set { stageOptions[Stage.name] = newValue }
    }

    /// The effective configuration as canonical JSON: every option with its value, the
    /// stages as they will run. Two configs that produce the same output give the same text.
    public var effectiveJSON: String {
        var members = effectiveSections
        members.insert(("stages", .array(stages.map { .string($0.rawValue) })), at: 0)
        var writer = JSONWriter()
        writer.value(.object(members))
        return writer.string
    }

    /// XXH64 of `effectiveJSON`, in hex: recorded in the summary.
    public var configHash: String { Hash64.hex(Hash64.hash(effectiveJSON)) }

    /// Worker count after resolving 0 to the number of cores.
    public var effectiveWorkers: Int {
        workers > 0 ? workers : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Resolves a path from the file against its directory; `-` stays `-`.
    public func resolve(_ path: String) -> String {
        if path == "-" || path.hasPrefix("/") { return path }
        return baseDirectory == "." ? path : (baseDirectory as NSString).appendingPathComponent(path)
    }

    /// The steps of the configured stages, in order. The stages are made at once on Dispatch
    /// workers: some build tables when they are made (normalize's character tables, language's
    /// models take a tenth of a second each), and a run waits for all of them before it reads.
    public func makeSteps() -> [PipelineStep] {
        // `stages` holds only names of the registry: the section's choices checked them.
        let makers = stages.map { name in (registry.definition(name)!, stageOptions[name]!) }
        var steps = [PipelineStep?](repeating: nil, count: makers.count)
        steps.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSendable(buffer), config = UnsafeSendable(self)
            DispatchQueue.concurrentPerform(iterations: makers.count) { i in
                slots.value[i] = makers[i].0.step(makers[i].1, in: config.value)
            }
        }
        return steps.map { $0! }
    }
}
