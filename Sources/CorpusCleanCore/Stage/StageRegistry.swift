/// The stages a run knows, in their default order: config parsing, the config hash,
/// `corpusclean stages`, the README's reference and `--stages` iterate this list. The
/// built-in stages are `StageRegistry.builtIn` (CorpusCleanStages).
public struct StageRegistry: Sendable {
    public let definitions: [StageDefinition]

    public init(_ definitions: [StageDefinition]) {
        self.definitions = definitions
    }

    /// Every stage's name, in the default order.
    public var names: [StageName] { definitions.map(\.name) }

    /// The stage called `name`, if there is one.
    public func definition(_ name: StageName) -> StageDefinition? {
        definitions.first { $0.name == name }
    }

    /// A registry with `extra` after these stages.
    public func adding(_ extra: StageDefinition) -> StageRegistry {
        StageRegistry(definitions + [extra])
    }
}
