/// A run of consecutive lines of a document in one language.
public struct LanguageSpan: Sendable, Equatable {
    /// Line numbers (0-based, lines split on "\n") of the run.
    public let lines: Range<Int>
    /// ISO 639-1 code (639-3 where there is none), or `und`.
    public let code: String
    /// UTF-8 bytes of the run's lines.
    public let bytes: Int

    public init(lines: Range<Int>, code: String, bytes: Int) {
        self.lines = lines
        self.code = code
        self.bytes = bytes
    }
}
