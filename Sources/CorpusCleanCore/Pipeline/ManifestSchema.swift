/// The parts of the manifest's JSON Schema that come from the stages a run knows: the names
/// `stage` may take (every registered stage, `read` for input errors, null when kept) and the
/// stages that may have an object under `attributes`. Applied to the schema file
/// (Schema/manifest.schema.json), whose parts for the built-in stages a test keeps equal to
/// `specialized(_:for: .builtIn)`.
package enum ManifestSchema {
    /// `schema` with its `stage` and `attributes` properties made for the stages of `registry`.
    package static func specialized(_ schema: JSONValue, for registry: StageRegistry) -> JSONValue {
        guard case var .object(members) = schema,
              let at = members.firstIndex(where: { $0.key == "properties" }),
              case var .object(properties) = members[at].value else { return schema }
        for i in properties.indices {
            switch properties[i].key {
            case "stage":
                properties[i].value = replacing("enum", in: properties[i].value,
                                                with: .array(registry.names.map { .string($0.rawValue) } + [.string("read"), .null]))
            case "attributes":
                let stages = JSONValue.object(registry.names.map { ($0.rawValue, .object([("type", .string("object"))])) })
                properties[i].value = replacing("properties", in: properties[i].value, with: stages)
            default:
                continue
            }
        }
        members[at].value = .object(properties)
        return .object(members)
    }

    private static func replacing(_ key: String, in value: JSONValue, with replacement: JSONValue) -> JSONValue {
        guard case var .object(members) = value else { return value }
        if let i = members.firstIndex(where: { $0.key == key }) {
            members[i].value = replacement
        } else {
            members.insert((key, replacement), at: 0)
        }
        return .object(members)
    }
}
