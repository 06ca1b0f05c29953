/// A line that a stage removed, with the reason code that removed it.
public struct RemovedLine: Sendable, Equatable {
    /// 1-based line number in the text the stage received.
    public let line: Int
    public let text: String
    /// A stable reason code, e.g. `ui_phrase` or `foreign_script`.
    public let reason: String

    public init(line: Int, text: String, reason: String) {
        self.line = line
        self.text = text
        self.reason = reason
    }
}
