/// A stage that looks at one document at a time; the runner calls it concurrently.
public protocol DocumentStage: Sendable {
    var name: StageName { get }
    /// Processes one document: may change `state.text` and returns what it did. A report
    /// with a `dropReason` drops the document.
    func process(_ state: inout DocumentState) -> StageReport
    /// The pre-pass the stage needs over the whole input before the main pass, if any.
    var prepass: (any CorpusPrepass)? { get }
}

extension DocumentStage {
    /// Stages that need corpus-wide statistics return their pre-pass here; the default is none.
    public var prepass: (any CorpusPrepass)? { nil }
}
