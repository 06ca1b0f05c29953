import Foundation
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Checks a value against the subset of JSON Schema the project's schemas use: type (one or
/// a list), enum, required, properties, additionalProperties (bool or schema), items,
/// minimum/maximum, pattern, and local $ref.
struct JSONSchemaValidator {
    let root: JSONValue

    func errors(_ value: JSONValue) -> [String] { check(value, root, "$") }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        guard let ref = schema["$ref"]?.stringValue, ref.hasPrefix("#/") else { return schema }
        var node = root
        for part in ref.dropFirst(2).split(separator: "/") { node = node[String(part)] ?? .null }
        return node
    }

    private func typeMatches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number):
            return true
        case let ("integer", .number(text)): return Int(text) != nil
        default: return false
        }
    }

    private func check(_ value: JSONValue, _ schemaIn: JSONValue, _ path: String) -> [String] {
        let schema = resolve(schemaIn)
        var errors: [String] = []
        if let type = schema["type"] {
            let types: [String]
            switch type {
            case let .string(t): types = [t]
            case let .array(items): types = items.compactMap(\.stringValue)
            default: types = []
            }
            if !types.contains(where: { typeMatches(value, $0) }) { return ["\(path): type \(value.typeName) not in \(types)"] }
        }
        if case let .array(choices)? = schema["enum"], !choices.contains(value) { errors.append("\(path): not in enum") }
        if case let .number(text) = value, let n = Double(text) {
            if let min = schema["minimum"]?.doubleValue, n < min { errors.append("\(path): \(n) < \(min)") }
            if let max = schema["maximum"]?.doubleValue, n > max { errors.append("\(path): \(n) > \(max)") }
        }
        if case let .string(s) = value, let pattern = schema["pattern"]?.stringValue,
           s.range(of: pattern, options: .regularExpression) == nil {
            errors.append("\(path): \"\(s)\" does not match \(pattern)")
        }
        if case let .array(items) = value, let itemSchema = schema["items"] {
            for (i, item) in items.enumerated() { errors += check(item, itemSchema, "\(path)[\(i)]") }
        }
        if case let .object(members) = value {
            if case let .array(required)? = schema["required"] {
                for key in required.compactMap(\.stringValue) where value[key] == nil { errors.append("\(path): missing \(key)") }
            }
            let properties = schema["properties"]
            for member in members {
                if let propertySchema = properties?[member.key] {
                    errors += check(member.value, propertySchema, "\(path).\(member.key)")
                } else if let additional = schema["additionalProperties"] {
                    if additional == .bool(false) {
                        errors.append("\(path): unexpected key \(member.key)")
                    } else if case .object = additional {
                        errors += check(member.value, additional, "\(path).\(member.key)")
                    }
                }
            }
        }
        return errors
    }
}
