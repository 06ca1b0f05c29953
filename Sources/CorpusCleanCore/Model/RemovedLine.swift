/// A line that a stage removed, with the reason code that removed it.
public struct RemovedLine: Sendable, Equatable {
    /// 1-based line number in the text the stage received.
    public let line: Int
    /// The line's text: a copy of its bytes in `source`, made when asked for (most removed
    /// lines are only counted), so that removing a line allocates nothing.
    public var text: String {
        let utf8 = source.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        return String(source[from..<utf8.index(from, offsetBy: bytes.count)])
    }
    /// A stable reason code, e.g. `ui_phrase` or `foreign_script`.
    public let reason: ReasonCode
    /// The text the line is in (the text the stage received, shared, not copied), and the
    /// line's UTF-8 offsets in it.
    private let source: String
    private let bytes: Range<Int>

    public init(line: Int, text: String, reason: ReasonCode) {
        self.init(line: line, in: text, bytes: 0..<text.utf8.count, reason: reason)
    }

    /// The line at UTF-8 offsets `bytes` of `source` (at scalar boundaries), which it keeps
    /// rather than copy the line out.
    public init(line: Int, in source: String, bytes: Range<Int>, reason: ReasonCode) {
        self.line = line
        self.source = source
        self.bytes = bytes
        self.reason = reason
    }

    public static func == (a: RemovedLine, b: RemovedLine) -> Bool {
        a.line == b.line && a.reason == b.reason && a.text == b.text
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
