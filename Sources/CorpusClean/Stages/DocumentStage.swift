/// A stage that looks at one document at a time; the runner calls it concurrently.
public protocol DocumentStage: Sendable {
    var name: StageName { get }
    /// Processes one document: may change `state.text` and returns what it did. A report
    /// with a `dropReason` drops the document.
    func process(_ state: inout DocumentState) -> StageReport
}
