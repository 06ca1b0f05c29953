import Logging

/// What the pipeline did to one document, stage by stage: built by running the pipeline
/// over the input up to that document (so dedup sees every document before it), writing
/// nothing.
public struct DocumentExplanation: Sendable {
    public let stages: [StageName]
    /// The final state, with every stage's report.
    public let state: DocumentState
    /// The text before the first stage (index 0) and after each stage (index k), nil
    /// after the document was dropped.
    public let texts: [String?]

    /// Runs `config` over `inputPath` until the document `id` has gone through every stage.
    /// Returns nil when the input has no document with that id.
    public static func explain(id: String, config: PipelineConfig, inputPath: String, logger: Logger) throws(InputError) -> DocumentExplanation? {
        final class Capture: @unchecked Sendable {
            var texts: [String?]
            var state: DocumentState?
            init(steps: Int) { texts = Array(repeating: nil, count: steps + 1) }
        }
        let capture = Capture(steps: config.stages.count)
        var job = RunJob(config: config, inputPath: inputPath, outputDirectory: "/nonexistent", options: RunOptions(dryRun: true),
                         logger: logger)
        job.stopAfter = { $0.id == id }
        job.stepObserver = { step, states in
            if let target = states.first(where: { $0.document.id == id }), target.status == .kept || step == 0 {
                capture.texts[step] = target.text
            }
        }
        job.observer = { state in
            if state.document.id == id, capture.state == nil { capture.state = state }
        }
        _ = try job.run()
        guard let state = capture.state else { return nil }
        return DocumentExplanation(stages: config.stages, state: state, texts: capture.texts)
    }

    /// Lines removed and added between the text before and after stage `index` (0-based).
    public func lineChanges(stage index: Int) -> (removed: [String], added: [String]) {
        guard let before = texts[index], let after = texts[index + 1] else { return ([], []) }
        let a = before.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = after.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var removed: [String] = []
        var added: [String] = []
        for change in b.difference(from: a) {
            switch change {
            case let .remove(_, line, _): removed.append(line)
            case let .insert(_, line, _): added.append(line)
            }
        }
        return (removed, added)
    }
}
