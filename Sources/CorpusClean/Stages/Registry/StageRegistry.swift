/// The stages a run knows, in their default order: config parsing, the config hash,
/// `corpusclean stages`, the README's reference and `--stages` iterate this list.
public struct StageRegistry: Sendable {
    public let definitions: [StageDefinition]

    public init(_ definitions: [StageDefinition]) {
        self.definitions = definitions
    }

    /// The built-in stages. Normalize first so every later stage sees clean text, language on
    /// the stripped text, dedup last on the final text.
    public static let builtIn = StageRegistry([
        StageDefinition(NormalizeStage.self),
        StageDefinition(BoilerplateStage.self),
        StageDefinition(LanguageStage.self),
        StageDefinition(DedupStage.self),
    ])

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
