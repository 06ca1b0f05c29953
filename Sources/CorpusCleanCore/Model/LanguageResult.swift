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
    /// Per-line languages of a mixed document, in line order; empty when the document was
    /// not found mixed (every line is then taken to be in `code`) or is longer than the
    /// 64 KB sample.
    public let lineSpans: [LanguageSpan]
    /// True when at least `mixed_share` of the text is in another language than `code`
    /// (not counting its near-identical languages).
    public let mixed: Bool
    /// The near-identical group `code` belongs to ("bs/hr/sr" for Latin script, "id/ms"),
    /// where a confusion inside the group is likely; nil otherwise.
    public let pair: String?

    public init(code: String, confidence: Double, reliable: Bool, top: [Candidate], spans: [Candidate], script: String,
                lineSpans: [LanguageSpan] = [], mixed: Bool = false, pair: String? = nil) {
        self.code = code
        self.confidence = confidence
        self.reliable = reliable
        self.top = top
        self.spans = spans
        self.script = script
        self.lineSpans = lineSpans
        self.mixed = mixed
        self.pair = pair
    }

    /// The language of line `line` (0-based): its span's code, or the document's.
    public func language(ofLine line: Int) -> String {
        lineSpans.first(where: { $0.lines.contains(line) })?.code ?? code
    }
}
