/// The stages a run knows, in their default order: config parsing, the config hash,
/// `corpusclean stages`, the README's reference and `--stages` iterate this list. The
/// built-in stages are `StageRegistry.builtIn` (CorpusCleanStages).
public struct StageRegistry: Sendable {
    public let definitions: [StageDefinition]

    /// The stages `definitions` name, in that order: names are unique, and none is a top-level
    /// key of `pipeline.json` or `read` (the manifest's stage of input errors).
    public init(_ definitions: [StageDefinition]) {
        let names = definitions.map(\.name.rawValue)
        precondition(Set(names).count == names.count, "two stages share a name: \(names)")
        let reserved = ["version", "input", "output", "workers", "batch_size", "stages", "read"]
        precondition(!names.contains(where: reserved.contains), "a stage is named as a top-level key or read: \(names)")
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
