/// A strict view of one JSON object of the configuration: rejects keys it does not know,
/// and reads typed values with defaults from the option specs.
public struct ConfigSection: Sendable {
    public let file: String
    public let path: String
    public let specs: [OptionSpec]
    private let members: [(key: String, value: JSONValue)]

    /// Validates `value` (absent = empty object) against `specs`.
    public init(file: String, path: String, value: JSONValue?, specs: [OptionSpec]) throws(ConfigError) {
        self.file = file
        self.path = path
        self.specs = specs
        switch value {
        case nil:
            members = []
        case let .object(m)?:
            members = m
        case let other?:
            throw ConfigError(file: file, keyPath: path, message: "expected an object, found \(other.typeName)")
        }
        var seen = Set<String>()
        for member in members {
            guard specs.contains(where: { $0.key == member.key }) else {
                let valid = specs.map(\.key).joined(separator: ", ")
                throw ConfigError(file: file, keyPath: keyPath(member.key),
                                  message: "unknown key; valid keys here: \(valid)")
            }
            guard seen.insert(member.key).inserted else {
                throw ConfigError(file: file, keyPath: keyPath(member.key), message: "key given twice")
            }
            try check(member.value, against: spec(member.key))
        }
    }

    private func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func spec(_ key: String) -> OptionSpec {
        guard let s = specs.first(where: { $0.key == key }) else {
            preconditionFailure("option \(key) read but not declared in the specs of \(path)")
        }
        return s
    }

    private func check(_ value: JSONValue, against spec: OptionSpec) throws(ConfigError) {
        let where_ = keyPath(spec.key)
        func fail(_ message: String) -> ConfigError { ConfigError(file: file, keyPath: where_, message: message) }
        switch (spec.type, value) {
        case (.bool, .bool): return
        case let (.integer(range), .number(text)):
            guard let n = Int(text) else { throw fail("expected an integer, found \(text)") }
            guard range.contains(n) else { throw fail("\(n) is out of range \(range.lowerBound)...\(range.upperBound)") }
        case let (.number(range), .number(text)):
            guard let d = Double(text), range.contains(d) else {
                throw fail("\(text) is out of range \(spec.type.display.dropFirst(7))")
            }
        case let (.string(choices), .string(s)):
            if let choices, !choices.contains(s) {
                throw fail("\"\(s)\" is not a valid choice; valid: \(choices.joined(separator: ", "))")
            }
        case let (.stringList(choices), .array(items)):
            for (i, item) in items.enumerated() {
                guard case let .string(s) = item else {
                    throw ConfigError(file: file, keyPath: "\(where_)[\(i)]", message: "expected a string, found \(item.typeName)")
                }
                if let choices, !choices.contains(s) {
                    throw ConfigError(file: file, keyPath: "\(where_)[\(i)]",
                                      message: "\"\(s)\" is not a valid choice; valid: \(choices.joined(separator: ", "))")
                }
            }
        case (.section, .object): return
        default:
            throw fail("expected \(spec.type.display), found \(value.typeName)")
        }
    }

    private func raw(_ key: String) -> JSONValue {
        members.first(where: { $0.key == key })?.value ?? spec(key).defaultValue
    }

    /// Every option of this section with its given or default value (nested sections left out).
    /// Numbers are written canonically, so `0.0` and `0` give the same text.
    public var effective: JSONValue {
        .object(specs.compactMap { spec in
            switch (spec.type, raw(spec.key)) {
            case (.section, _): return nil
            case let (.integer, .number(text)): return (spec.key, .number(String(Int(text) ?? 0)))
            case let (.number, .number(text)): return (spec.key, .number(JSONWriter.format(Double(text) ?? 0, decimals: 9)))
            case let (_, value): return (spec.key, value)
            }
        })
    }

    public func bool(_ key: String) -> Bool {
        if case let .bool(b) = raw(key) { return b }
        return false
    }

    public func int(_ key: String) -> Int {
        if case let .number(text) = raw(key) { return Int(text) ?? 0 }
        return 0
    }

    public func double(_ key: String) -> Double { raw(key).doubleValue ?? 0 }

    public func string(_ key: String) -> String { raw(key).stringValue ?? "" }

    public func strings(_ key: String) -> [String] {
        if case let .array(items) = raw(key) { return items.compactMap(\.stringValue) }
        return []
    }

    /// A nested section, validated against its own specs.
    public func section(_ key: String, specs: [OptionSpec]) throws(ConfigError) -> ConfigSection {
        let value = members.first(where: { $0.key == key })?.value
        return try ConfigSection(file: file, path: keyPath(key), value: value, specs: specs)
    }
}
