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
    public var normalize: NormalizeOptions
    public var boilerplate: BoilerplateOptions
    public var language: LanguageOptions
    public var dedup: DedupOptions
    /// Effective options of the sections that decide the output (stage sections, input
    /// decoding, output annotations), defaults filled in; paths and workers are left out.
    private let effectiveSections: [(key: String, value: JSONValue)]

    /// Top-level keys.
    public static let specs: [OptionSpec] = [
        OptionSpec("version", .integer(1...1), default: .number("1"), "Schema version of this file."),
        OptionSpec("input", .section, default: .object([]), "Where documents come from (see input.*)."),
        OptionSpec("output", .section, default: .object([]), "Where results go (see output.*)."),
        OptionSpec("workers", .integer(0...1024), default: .number("0"), "Worker threads; 0 = one per core."),
        OptionSpec("batch_size", .integer(1...1_000_000), default: .number("512"),
                   "Documents in flight at once; memory grows with it, not with the corpus."),
        OptionSpec("stages", .stringList(choices: StageName.allCases.map(\.rawValue)),
                   default: .array(StageName.defaultOrder.map { .string($0.rawValue) }), "Stages to run, in order."),
        OptionSpec("normalize", .section, default: .object([]), "Options of the normalize stage."),
        OptionSpec("boilerplate", .section, default: .object([]), "Options of the boilerplate stage."),
        OptionSpec("language", .section, default: .object([]), "Options of the language stage."),
        OptionSpec("dedup", .section, default: .object([]), "Options of the dedup stage."),
    ]

    /// Reads and validates a config file. Every problem is a ConfigError naming file and key.
    public static func load(path: String) throws(ConfigError) -> PipelineConfig {
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
        return try PipelineConfig(file: path, baseDirectory: base.isEmpty ? "." : base, value: value)
    }

    /// The defaults, as an empty `{}` gives them.
    public static func defaults(baseDirectory: String = ".") -> PipelineConfig {
        try! PipelineConfig(file: "<defaults>", baseDirectory: baseDirectory, value: .object([]))
    }

    public init(file: String, baseDirectory: String, value: JSONValue) throws(ConfigError) {
        self.file = file
        self.baseDirectory = baseDirectory
        let root = try ConfigSection(file: file, path: "", value: value, specs: PipelineConfig.specs)
        input = InputOptions(section: try root.section("input", specs: InputOptions.specs))
        output = try OutputOptions(section: try root.section("output", specs: OutputOptions.specs))
        workers = root.int("workers")
        batchSize = root.int("batch_size")
        let names = root.strings("stages")
        var seen = Set<String>()
        for (i, name) in names.enumerated() where !seen.insert(name).inserted {
            throw ConfigError(file: file, keyPath: "stages[\(i)]", message: "stage \"\(name)\" is listed twice")
        }
        stages = names.compactMap(StageName.init(rawValue:))
        normalize = NormalizeOptions(section: try root.section("normalize", specs: NormalizeOptions.specs))
        boilerplate = BoilerplateOptions(section: try root.section("boilerplate", specs: BoilerplateOptions.specs))
        language = try LanguageOptions(section: try root.section("language", specs: LanguageOptions.specs))
        dedup = DedupOptions(section: try root.section("dedup", specs: DedupOptions.specs))
        var sections: [(key: String, value: JSONValue)] = []
        for key in ["input", "output", "normalize", "boilerplate", "language", "dedup"] {
            let specs = key == "input" ? InputOptions.specs : key == "output" ? OutputOptions.specs
                : PipelineConfig.stageSpecs(StageName(rawValue: key)!)
            var effective = try root.section(key, specs: specs).effective
            if case let .object(members) = effective {
                effective = .object(members.filter { $0.key != "path" })
            }
            sections.append((key, effective))
        }
        effectiveSections = sections
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

    /// The steps of the configured stages, in order.
    public func makeSteps() -> [PipelineStep] {
        stages.map { name in
            switch name {
            case .normalize: return .document(NormalizeStage(options: normalize))
            case .boilerplate: return .document(BoilerplateStage(options: boilerplate))
            case .language: return .document(LanguageStage(options: language))
            case .dedup:
                var options = dedup
                if !options.index.isEmpty { options.index = resolve(options.index) }
                return .corpus(DedupStage(options: options))
            }
        }
    }

    /// Option specs of each stage's section, for `corpusclean stages`.
    public static func stageSpecs(_ stage: StageName) -> [OptionSpec] {
        switch stage {
        case .normalize: return NormalizeOptions.specs
        case .boilerplate: return BoilerplateOptions.specs
        case .language: return LanguageOptions.specs
        case .dedup: return DedupOptions.specs
        }
    }
}
