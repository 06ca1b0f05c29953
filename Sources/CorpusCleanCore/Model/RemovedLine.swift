/// A line that a stage removed, with the reason code that removed it.
public struct RemovedLine: Sendable, Equatable {
    /// 1-based line number in the text the stage received.
    public let line: Int
    public let text: String
    /// A stable reason code, e.g. `ui_phrase` or `foreign_script`.
    public let reason: ReasonCode

    public init(line: Int, text: String, reason: ReasonCode) {
        self.line = line
        self.text = text
        self.reason = reason
    }
}

extension Array where Element == RemovedLine {
    /// Calls `body` with the reason and length of every run of consecutive lines removed for
    /// one reason, in order: what the counts by reason add up (most lines come in runs).
    func forEachReasonRun(_ body: (_ reason: String, _ lines: Int) -> Void) {
        var i = 0
        while i < count {
            let reason = self[i].reason.rawValue
            var run = 1
            i += 1
            while i < count && self[i].reason.rawValue == reason {
                run += 1
                i += 1
            }
            body(reason, run)
        }
    }
}
