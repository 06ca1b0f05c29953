import CorpusCleanCore

/// The config of the built-in stages (`StageRegistry.builtIn`), as the command reads it.
extension PipelineConfig {
    /// Reads and validates a config file for the built-in stages.
    public static func load(path: String) throws(ConfigError) -> PipelineConfig {
        try load(path: path, registry: .builtIn)
    }

    /// The defaults of the built-in stages, as an empty `{}` gives them.
    public static func defaults(baseDirectory: String = ".") -> PipelineConfig {
        defaults(baseDirectory: baseDirectory, registry: .builtIn)
    }

    /// A config for the built-in stages from a parsed file.
    public init(file: String, baseDirectory: String, value: JSONValue) throws(ConfigError) {
        try self.init(file: file, baseDirectory: baseDirectory, value: value, registry: .builtIn)
    }
}
