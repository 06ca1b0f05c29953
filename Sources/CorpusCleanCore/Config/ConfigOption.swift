/// One option of a `ConfigOptions` type: its spec (key, type, default, help) and the property
/// it sets. The default is the property's value in `Options()`, so it is written once.
public struct ConfigOption<Options: ConfigOptions>: Sendable {
    /// Key, type, default and help, as validation and `corpusclean stages` use them.
    public let spec: OptionSpec
    let read: @Sendable (ConfigSection, inout Options) -> Void

    private init(_ key: String, _ type: OptionType, default defaultValue: JSONValue, _ help: String,
                 read: @escaping @Sendable (ConfigSection, inout Options) -> Void) {
        spec = OptionSpec(key, type, default: defaultValue, help)
        self.read = read
    }

    /// A boolean.
    public static func bool(_ key: String, _ property: WritableKeyPath<Options, Bool> & Sendable,
                            _ help: String) -> ConfigOption {
        ConfigOption(key, .bool, default: .bool(Options()[keyPath: property]), help) { section, options in
            options[keyPath: property] = section.bool(key)
        }
    }

    /// An integer in `range`.
    public static func integer(_ key: String, _ property: WritableKeyPath<Options, Int> & Sendable,
                               _ range: ClosedRange<Int>, _ help: String) -> ConfigOption {
        ConfigOption(key, .integer(range), default: .number(String(Options()[keyPath: property])), help) { section, options in
            options[keyPath: property] = section.int(key)
        }
    }

    /// A number in `range`.
    public static func number(_ key: String, _ property: WritableKeyPath<Options, Double> & Sendable,
                              _ range: ClosedRange<Double>, _ help: String) -> ConfigOption {
        let defaultText = JSONWriter.format(Options()[keyPath: property], decimals: 9)
        return ConfigOption(key, .number(range), default: .number(defaultText), help) { section, options in
            options[keyPath: property] = section.double(key)
        }
    }

    /// One of the cases of `Choice`, by raw value.
    public static func choice<Choice: OptionChoice>(_ key: String, _ property: WritableKeyPath<Options, Choice> & Sendable,
                                                    _ help: String) -> ConfigOption {
        let type = OptionType.string(choices: Choice.allCases.map(\.rawValue))
        return ConfigOption(key, type, default: .string(Options()[keyPath: property].rawValue), help) { section, options in
            if let value = Choice(rawValue: section.string(key)) { options[keyPath: property] = value }
        }
    }

    /// A string, any (`choices` nil) or one of `choices`.
    public static func string(_ key: String, _ property: WritableKeyPath<Options, String> & Sendable,
                              choices: [String]? = nil, _ help: String) -> ConfigOption {
        ConfigOption(key, .string(choices: choices), default: .string(Options()[keyPath: property]), help) { section, options in
            options[keyPath: property] = section.string(key)
        }
    }

    /// A list of strings, any or each one of `choices`.
    public static func strings(_ key: String, _ property: WritableKeyPath<Options, [String]> & Sendable,
                               choices: [String]? = nil, _ help: String) -> ConfigOption {
        let defaultValue = JSONValue.array(Options()[keyPath: property].map { .string($0) })
        return ConfigOption(key, .stringList(choices: choices), default: defaultValue, help) { section, options in
            options[keyPath: property] = section.strings(key)
        }
    }
}
