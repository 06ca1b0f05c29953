/// The type of a configuration option, with its valid range or choices.
public enum OptionType: Sendable {
    case bool
    case integer(ClosedRange<Int>)
    case number(ClosedRange<Double>)
    case string(choices: [String]?)
    case stringList(choices: [String]?)
    case section

    /// How `corpusclean stages` shows the type.
    public var display: String {
        switch self {
        case .bool: return "boolean"
        case let .integer(range): return "integer \(range.lowerBound)...\(range.upperBound)"
        case let .number(range): return "number \(JSONWriter.format(range.lowerBound, decimals: 4))...\(JSONWriter.format(range.upperBound, decimals: 4))"
        case let .string(choices): return choices.map { "one of " + $0.joined(separator: "|") } ?? "string"
        case let .stringList(choices): return choices.map { "list of " + $0.joined(separator: "|") } ?? "list of strings"
        case .section: return "object"
        }
    }
}
