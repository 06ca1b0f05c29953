/// The options of one section of `pipeline.json` (a stage's, `input` or `output`): a value
/// type whose properties hold the defaults, and one list that declares each option once,
/// with its key, property, type and help. Decoding, validation, the defaults, the config hash
/// and `corpusclean stages` all come from that list.
public protocol ConfigOptions: Sendable {
    /// The defaults.
    init()
    /// Every option of the section, in the order `corpusclean stages` lists them.
    static var options: [ConfigOption<Self>] { get }
    /// Checks that a type and a range cannot express (e.g. that a code is a known language);
    /// called after every option was read. The default checks nothing.
    func validate(_ section: ConfigSection) throws(ConfigError)
}

extension ConfigOptions {
    /// The option specs, for `ConfigSection`'s validation and `corpusclean stages`.
    public static var specs: [OptionSpec] { options.map(\.spec) }

    /// The defaults, as an empty section gives them.
    public static var defaults: Self { Self() }

    public func validate(_ section: ConfigSection) throws(ConfigError) {}

    /// Reads a section validated against `specs`.
    public init(section: ConfigSection) throws(ConfigError) {
        self.init()
        for option in Self.options { option.read(section, &self) }
        try validate(section)
    }
}
