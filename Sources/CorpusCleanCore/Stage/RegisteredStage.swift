/// A stage as the registry knows it: its name, what it does, its options and how a run makes
/// it. Adding a stage is one type that conforms (a `DocumentStage` or a `CorpusStage` too),
/// one line in `StageRegistry.builtIn`, and its section in `pipeline.json`.
public protocol RegisteredStage {
    associatedtype Options: ConfigOptions
    /// The key of the stage in `pipeline.json`'s `stages` and of its options' section.
    static var name: StageName { get }
    /// One line for `corpusclean stages`.
    static var summary: String { get }
    /// The step that runs the stage with `options` in a run configured by `config` (which
    /// resolves paths against the config file).
    static func step(_ options: Options, in config: PipelineConfig) -> PipelineStep
}
