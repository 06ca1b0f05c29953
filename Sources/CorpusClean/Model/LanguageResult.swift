/// What the language stage found in a document.
public struct LanguageResult: Sendable, Equatable {
    /// One candidate language and its share of the text.
    public struct Candidate: Sendable, Equatable {
        public let code: String
        /// Share of the scored text, 0...1.
        public let share: Double
        public init(code: String, share: Double) {
            self.code = code
            self.share = share
        }
    }

    /// ISO 639-1 code (639-3 where there is none), or `und`.
    public let code: String
    /// Confidence in [0, 1].
    public let confidence: Double
    /// CLD2's reliability flag.
    public let reliable: Bool
    /// Up to three candidates, best first.
    public let top: [Candidate]
    /// Share of the text per language over its spans (for mixed documents).
    public let spans: [Candidate]
    /// Dominant ISO 15924 script of the letters ("Latn", "Cyrl"...), or "Zyyy".
    public let script: String

    public init(code: String, confidence: Double, reliable: Bool, top: [Candidate], spans: [Candidate], script: String) {
        self.code = code
        self.confidence = confidence
        self.reliable = reliable
        self.top = top
        self.spans = spans
        self.script = script
    }
}
