/// One step of a configured pipeline.
public enum PipelineStep: Sendable {
    case document(any DocumentStage)
    case corpus(any CorpusStage)

    public var name: StageName {
        switch self {
        case let .document(stage): return stage.name
        case let .corpus(stage): return stage.name
        }
    }
}
