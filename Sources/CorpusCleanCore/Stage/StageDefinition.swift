/// A `RegisteredStage` without its types: what config parsing, the config hash, `corpusclean
/// stages` and the runner need of it.
public struct StageDefinition: Sendable {
    /// `RegisteredStage.name`.
    public let name: StageName
    /// `RegisteredStage.summary`.
    public let summary: String
    /// The specs of the stage's options, for its section of `pipeline.json`.
    public let specs: [OptionSpec]
    /// `RegisteredStage.reasons`.
    public let reasons: [ReasonCode]
    private let decode: @Sendable (ConfigSection) throws(ConfigError) -> any ConfigOptions
    private let make: @Sendable (any ConfigOptions, PipelineConfig) -> PipelineStep

    /// The definition of `stage`: `StageDefinition(MyStage.self)` is a registry's line.
    public init<Stage: RegisteredStage & SendableMetatype>(_ stage: Stage.Type) {
        name = Stage.name
        summary = Stage.summary
        specs = Stage.Options.specs
        reasons = Stage.reasons
        decode = { section throws(ConfigError) in try Stage.Options(section: section) }
        make = { options, config in Stage.step(options as! Stage.Options, in: config) }
    }

    /// The stage's options from its section (validated against `specs`).
    func options(from section: ConfigSection) throws(ConfigError) -> any ConfigOptions {
        try decode(section)
    }

    /// The stage's step, with `options` as `options(from:)` read them.
    func step(_ options: any ConfigOptions, in config: PipelineConfig) -> PipelineStep {
        make(options, config)
    }
}
