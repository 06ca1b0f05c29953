/// One configuration option: its key, type, default and meaning. The decoder validates
/// against these specs and `corpusclean stages` prints them, so the two cannot drift apart.
public struct OptionSpec: Sendable {
    public let key: String
    public let type: OptionType
    public let defaultValue: JSONValue
    public let help: String

    public init(_ key: String, _ type: OptionType, default defaultValue: JSONValue, _ help: String) {
        self.key = key
        self.type = type
        self.defaultValue = defaultValue
        self.help = help
    }

    /// The default as JSON text.
    public var defaultText: String {
        var w = JSONWriter()
        w.value(defaultValue)
        return w.string
    }
}
