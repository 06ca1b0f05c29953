/// A stage as the registry knows it: its name, what it does, its options and how a run makes
/// it. Adding a stage is one type that conforms (a `DocumentStage` or a `CorpusStage` too),
/// one line in `StageRegistry.builtIn`, and its section in `pipeline.json`.
public protocol RegisteredStage {
    associatedtype Options: ConfigOptions
    /// The key of the stage in `pipeline.json`'s `stages` and of its options' section.
    static var name: StageName { get }
    /// One line for `corpusclean stages`.
    static var summary: String { get }
    /// The reason codes the stage drops documents or removes lines with (documented in
    /// docs/output.md); `corpusclean stages` lists them.
    static var reasons: [ReasonCode] { get }
    /// The step that runs the stage with `options` in a run configured by `config` (which
    /// resolves paths against the config file).
    static func step(_ options: Options, in config: PipelineConfig) -> PipelineStep
}

extension DocumentStage where Self: RegisteredStage {
    /// The registered name: a stage's name is written once.
    public var name: StageName { Self.name }
}

extension CorpusStage where Self: RegisteredStage {
    /// The registered name: a stage's name is written once.
    public var name: StageName { Self.name }
}
