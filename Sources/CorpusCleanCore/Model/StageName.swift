/// A stage's name: its key in `pipeline.json` and how the manifest, the summary and the flags
/// name it. The stages themselves declare their names (`StageName.normalize` and the others
/// are declared by the built-in stages); `StageRegistry` lists the stages a run knows.
public struct StageName: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// The name `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The name `rawValue`.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
