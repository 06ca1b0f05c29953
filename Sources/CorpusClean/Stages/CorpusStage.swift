/// A stage whose decisions depend on other documents (dedup). It splits in two so that the
/// output is the same for any worker count: a pure part that runs concurrently, and a
/// cheap part that the runner calls sequentially, in input order.
public protocol CorpusStage: AnyObject, Sendable {
    var name: StageName { get }
    /// Concurrent part: computes what `decide` needs and stores it in `state.prepared`.
    func prepare(_ state: inout DocumentState)
    /// Sequential part, called in input order: returns the report (and the drop, if any).
    func decide(_ state: inout DocumentState) -> StageReport
    /// Encodes what `decide` is about to consume for this document (after `prepare`), so
    /// that `--resume` can rebuild the stage's state by replaying, without the text.
    func journalEntry(_ state: DocumentState) -> [UInt8]
    /// Applies a journal entry as `decide` applied it in the interrupted run.
    func replay(_ entry: [UInt8])
}
