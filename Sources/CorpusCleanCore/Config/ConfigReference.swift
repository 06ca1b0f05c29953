/// The reference of `pipeline.json` for the stages of a registry: every section and option
/// with its type, default and help, from the same specs that decode the file. `corpusclean
/// stages` prints it and docs/configuration.md holds a copy.
public struct ConfigReference: Sendable {
    public let registry: StageRegistry

    public init(registry: StageRegistry) {
        self.registry = registry
    }

    /// The reference as text, one line per option and one per its help.
    public var text: String {
        var out = "Top level of pipeline.json:\n"
        out += Self.describe(PipelineConfig.specs(for: registry))
        out += "\ninput:\n" + Self.describe(InputOptions.specs)
        out += "\noutput:\n" + Self.describe(OutputOptions.specs)
        for stage in registry.definitions {
            out += "\nstage \(stage.name): \(stage.summary)\n" + Self.describe(stage.specs)
        }
        return out
    }

    private static func describe(_ specs: [OptionSpec]) -> String {
        var out = ""
        for spec in specs {
            if case .section = spec.type { continue }
            out += "  \(spec.key)  (\(spec.type.display), default \(spec.defaultText))\n"
            out += "      \(spec.help)\n"
        }
        return out
    }
}
