/// Why a stage dropped a document or removed a line, as the manifest, the summary and
/// `explain` name it. Stages declare theirs as constants (`ReasonCode.nearDuplicate`) and list
/// them in `RegisteredStage.reasons`, which `corpusclean stages` prints.
public struct ReasonCode: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral {
    public let rawValue: String

    /// The code `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The code `rawValue`.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static func < (a: ReasonCode, b: ReasonCode) -> Bool { a.rawValue < b.rawValue }
}
