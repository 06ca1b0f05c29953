/// A stage that looks at one document at a time; the runner calls it concurrently.
public protocol DocumentStage: Sendable {
    var name: StageName { get }
    /// Processes one document: may change `state.text` and returns what it did. A report
    /// with a `dropReason` drops the document.
    func process(_ state: inout DocumentState) -> StageReport
    /// Processes one document as `process(_:)` does, recording what it did in `report` (a new
    /// report of this stage) instead of returning it: what the runner calls, so that a report
    /// is built where it stays rather than copied out of the stage. The default calls
    /// `process(_:)`; a stage that implements this one can return
    /// ``report(processing:)`` from `process(_:)` (a stage must implement one of the two
    /// itself: the defaults call each other).
    func process(_ state: inout DocumentState, into report: inout StageReport)
    /// The pre-pass the stage needs over the whole input before the main pass, if any.
    var prepass: (any CorpusPrepass)? { get }
}

extension DocumentStage {
    /// Stages that need corpus-wide statistics return their pre-pass here; the default is none.
    public var prepass: (any CorpusPrepass)? { nil }

    public func process(_ state: inout DocumentState, into report: inout StageReport) {
        report = process(&state)
    }

    /// The report of ``process(_:into:)`` on a new report of this stage.
    public func report(processing state: inout DocumentState) -> StageReport {
        var report = StageReport(stage: name)
        process(&state, into: &report)
        return report
    }
}
