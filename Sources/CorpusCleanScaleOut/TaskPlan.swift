import CorpusCleanCore
import CorpusCleanStages
import Foundation

/// What a distributed run does, written once to `plan.json` in its work directory and read by
/// every task, so that a task needs nothing but the work directory and its name: the config
/// file and the stages, the input shards, the output directory, and how many tasks of each
/// kind there are. A rerun of the same command finds the plan and goes on; a plan of another
/// config, input or output in the work directory is refused.
public struct TaskPlan: Sendable, Equatable {
    public static let fileName = "plan.json"
    /// 3: the boilerplate line keys in the count tasks' `counts-K.bin` and `shared-K.bin` are
    /// `ctk_hash_step` hashes, not FNV-1a, so a work folder of an older corpusclean is not
    /// continued with them. (2: the dedup signatures of index format 3; 1: the first.)
    static let version = 3

    public let workDirectory: String
    /// The config file (absolute), or nil for the built-in defaults.
    public let configPath: String?
    /// The stages as the command line chose them.
    public let stages: [StageName]
    /// Worker threads of each task (0: one per core).
    public let workers: Int
    /// The input arguments as given (summary.json's `input`), and the shards they resolve to
    /// (absolute paths).
    public let inputs: [String]
    public let shards: [InputShard]
    /// The output directory (absolute).
    public let output: String
    /// The effective config's hash, checked by every task against the config it loads.
    public let configHash: String
    /// Whether boilerplate counts lines corpus-wide (count and reduce tasks).
    public let countsLines: Bool
    /// Whether dedup runs (band and cluster tasks), and in how many band tasks.
    public let dedups: Bool
    public let bandTasks: Int

    public init(workDirectory: String, configPath: String?, stages: [StageName], workers: Int, inputs: [String],
                shards: [InputShard], output: String, config: PipelineConfig, tasks: Int) {
        self.workDirectory = workDirectory
        self.configPath = configPath
        self.stages = stages
        self.workers = workers
        self.inputs = inputs
        let cwd = FileManager.default.currentDirectoryPath
        self.shards = shards.map { InputShard(path: $0.path.hasPrefix("/") ? $0.path : cwd + "/" + $0.path, relative: $0.relative, isWET: $0.isWET) }
        self.output = output
        configHash = config.configHash
        countsLines = !TaskPlan.prepasses(config).isEmpty
        let dedup = TaskPlan.dedupStage(config)
        dedups = dedup != nil
        bandTasks = dedup.map { max(1, min(tasks, $0.lsh.bands)) } ?? 0
    }

    /// The corpus pre-passes of the config's stages (boilerplate's corpus repetition), built
    /// without the other stages (whose language models take a while to load).
    static func prepasses(_ config: PipelineConfig) -> [any CorpusPrepass] {
        config.stages.contains(.boilerplate) ? [BoilerplateStage(options: config[BoilerplateStage.self]).prepass].compactMap { $0 } : []
    }

    /// The config's dedup stage (its options and LSH parameters), when dedup runs.
    static func dedupStage(_ config: PipelineConfig) -> DedupStage? {
        config.stages.contains(.dedup) ? DedupStage(options: config[DedupStage.self]) : nil
    }

    /// How many tasks of `kind` the run has.
    public func count(_ kind: TaskKind) -> Int {
        switch kind {
        case .count: return countsLines ? shards.count : 0
        case .reduce: return countsLines ? 1 : 0
        case .map, .apply: return shards.count
        case .band: return bandTasks
        case .cluster: return dedups ? 1 : 0
        case .commit: return 1
        }
    }

    /// The input arguments as one string, as summary.json records them.
    public var inputString: String { inputs.joined(separator: " ") }

    /// The folder of task `kind` `index`'s finished outputs.
    public func folder(_ kind: TaskKind, _ index: Int) -> String {
        workDirectory + "/\(kind.rawValue)/\(index)"
    }

    /// The completion marker of task `kind` `index`: it exists once the task's outputs are whole.
    public func marker(_ kind: TaskKind, _ index: Int) -> String {
        workDirectory + "/done/\(kind.rawValue)-\(index)"
    }

    /// Whether task `kind` `index` is done (its marker exists).
    public func isDone(_ kind: TaskKind, _ index: Int) -> Bool {
        FileManager.default.fileExists(atPath: marker(kind, index))
    }

    /// The tasks of `kind` without a marker.
    public func pending(_ kind: TaskKind) -> [Int] {
        (0..<count(kind)).filter { !isDone(kind, $0) }
    }

    /// The config the tasks run: the file (or the defaults) with the command line's stages and
    /// workers; throws when the file changed since the plan was made.
    public func config() throws(InputError) -> PipelineConfig {
        var config: PipelineConfig
        do {
            config = try configPath.map { path throws(ConfigError) in try PipelineConfig.load(path: path) } ?? PipelineConfig.defaults()
        } catch {
            throw InputError(path: configPath ?? "<defaults>", message: "config error: \(error)")
        }
        config.stages = stages
        config.workers = workers
        guard config.configHash == configHash else {
            throw InputError(path: configPath ?? "<defaults>",
                             message: "the config changed since the run's plan was made in \(workDirectory); remove that folder to start afresh")
        }
        return config
    }

    var json: JSONValue {
        .object([
            ("format", .string("corpusclean-task-plan")),
            ("version", .number(String(Self.version))),
            ("config", configPath.map(JSONValue.string) ?? .null),
            ("stages", .array(stages.map { .string($0.rawValue) })),
            ("workers", .number(String(workers))),
            ("inputs", .array(inputs.map(JSONValue.string))),
            ("shards", .array(shards.map { .array([.string($0.path), .string($0.relative), .bool($0.isWET)]) })),
            ("output", .string(output)),
            ("config_hash", .string(configHash)),
            ("counts_lines", .bool(countsLines)),
            ("dedups", .bool(dedups)),
            ("band_tasks", .number(String(bandTasks))),
        ])
    }

    init(workDirectory: String, json value: JSONValue) throws(InputError) {
        func fail() -> InputError {
            InputError(path: workDirectory + "/" + TaskPlan.fileName, message: "not a corpusclean task plan (version \(TaskPlan.version))")
        }
        guard value["format"]?.stringValue == "corpusclean-task-plan", value["version"]?.doubleValue == Double(Self.version),
              case let .array(stageValues)? = value["stages"], case let .array(inputValues)? = value["inputs"],
              case let .array(shardValues)? = value["shards"], let output = value["output"]?.stringValue,
              let hash = value["config_hash"]?.stringValue, let workers = value["workers"]?.doubleValue,
              let bands = value["band_tasks"]?.doubleValue,
              case let .bool(countsLines)? = value["counts_lines"], case let .bool(dedups)? = value["dedups"] else { throw fail() }
        var shards: [InputShard] = []
        for item in shardValues {
            guard case let .array(parts) = item, parts.count == 3, let path = parts[0].stringValue,
                  let relative = parts[1].stringValue, case let .bool(isWET) = parts[2] else { throw fail() }
            shards.append(InputShard(path: path, relative: relative, isWET: isWET))
        }
        self.workDirectory = workDirectory
        configPath = value["config"]?.stringValue
        stages = stageValues.compactMap { $0.stringValue.flatMap(StageName.init(rawValue:)) }
        self.workers = Int(workers)
        inputs = inputValues.compactMap(\.stringValue)
        self.shards = shards
        self.output = output
        configHash = hash
        self.countsLines = countsLines
        self.dedups = dedups
        bandTasks = Int(bands)
    }

    /// The plan in `workDirectory`, or nil when there is none.
    public static func load(workDirectory: String) throws(InputError) -> TaskPlan? {
        let path = workDirectory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let value = try? JSONParser.parse(Array(data)) else {
            throw InputError(path: path, message: "the task plan is not JSON")
        }
        return try TaskPlan(workDirectory: workDirectory, json: value)
    }

    /// Writes the plan (atomically), or checks that the one already there is this one (a
    /// rerun of the same command), else throws: the work directory belongs to another run.
    public func save() throws(InputError) {
        if let existing = try TaskPlan.load(workDirectory: workDirectory) {
            guard existing == self else {
                throw InputError(path: workDirectory,
                                 message: "the work directory holds the plan of another run (other config, input, output or task count); remove it or choose another --work-dir",
                                 badArguments: true)
            }
            return
        }
        var writer = JSONWriter()
        writer.value(json)
        writer.newline()
        try TaskFiles.writeAtomically(writer.bytes, to: workDirectory + "/" + TaskPlan.fileName)
    }
}
