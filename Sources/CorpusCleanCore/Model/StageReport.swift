/// What one stage did to one document: the trace that the manifest, the summary and the
/// debugging flags are built from.
public struct StageReport: Sendable {
    public let stage: StageName
    /// Set when the stage dropped the document: a reason code such as `language_not_allowed`.
    public var dropReason: ReasonCode?
    /// A human-readable detail for the drop.
    public var dropDetail: String?
    /// Lines removed, with reason codes (boilerplate).
    public var removedLines: [RemovedLine] = []
    /// Counts of fixes by kind (normalize), e.g. `["crlf": 12, "nbsp": 3]`.
    public var fixes: [String: Int] = [:]
    public var language: LanguageResult?
    public var duplicate: DuplicateMatch?
    /// What the stage found that no field above holds, as JSON values under keys of its own:
    /// the manifest writes them under `attributes.<stage>`, `explain` lists them.
    public private(set) var attributes: [(key: String, value: JSONValue)] = []
    /// Whether the stage changed the text.
    public var changedText = false
    /// Wall time spent on this document by this stage, in nanoseconds.
    public var nanoseconds: UInt64 = 0

    public init(stage: StageName) { self.stage = stage }

    /// Sets the attribute `key` (replacing an earlier value).
    public mutating func set(_ key: String, _ value: JSONValue) {
        if let i = attributes.firstIndex(where: { $0.key == key }) {
            attributes[i].value = value
        } else {
            attributes.append((key, value))
        }
    }

    /// Whether the report adds nothing to what the output shows of the document: no drop, no
    /// removed line, fix, language, duplicate or attribute (a corpus stage that keeps a
    /// document without remark).
    /// (Inlined, and `if case .some` rather than `!= nil`: asked of an array's element, either
    /// would copy the report or its language result first.)
    @inline(__always)
    package var showsNothing: Bool {
        if case .some = dropReason { return false }
        if case .some = dropDetail { return false }
        if case .some = language { return false }
        if case .some = duplicate { return false }
        return removedLines.isEmpty && fixes.isEmpty && attributes.isEmpty && !changedText
    }

    /// Records one fix of `kind`, `count` times.
    public mutating func count(_ kind: String, _ count: Int = 1) {
        guard count > 0 else { return }
        fixes[kind, default: 0] += count
    }
}
