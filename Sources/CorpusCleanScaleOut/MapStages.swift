import CorpusCleanCore
import CorpusCleanStages
/// The stages of the map tasks, built once per process for every map task it runs (the
/// language models take a while to load): the configured steps with dedup replaced by
/// `SignatureCapture`, and boilerplate's corpus counts loaded from the reduce task.
final class MapStages {
    let steps: [PipelineStep]
    let dedup: DedupStage?

    init(context: TaskContext) throws(InputError) {
        var steps = context.config.makeSteps()
        var dedup: DedupStage?
        for (k, step) in steps.enumerated() {
            guard case let .corpus(stage as DedupStage) = step else { continue }
            dedup = stage
            steps[k] = .corpus(SignatureCapture(dedup: stage))
        }
        self.steps = steps
        self.dedup = dedup
        if context.plan.countsLines {
            let passes = steps.compactMap { step -> (any CorpusPrepass)? in
                if case let .document(stage) = step { return stage.prepass }
                return nil
            }
            try LineCountReduce.load(into: passes, from: context.plan.folder(.reduce, 0))
        }
    }
}
