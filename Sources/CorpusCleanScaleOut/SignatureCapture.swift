import CorpusCleanCore
import CorpusCleanStages
/// Stands in for the dedup stage in a map task: computes each document's dedup signature as
/// `DedupStage.prepare` does, concurrently, and keeps every document (a kept dedup report),
/// leaving the signature in `state.prepared` for the map task to write. The decisions are the
/// cluster task's. A map task has no writer, so nothing is journaled or replayed.
final class SignatureCapture: CorpusStage {
    let name = StageName.dedup
    let dedup: DedupStage

    init(dedup: DedupStage) { self.dedup = dedup }

    func prepare(_ state: inout DocumentState) {
        state.setPrepared(dedup.signature(of: state.text), for: name)
    }

    func decide(_ state: inout DocumentState) -> StageReport { StageReport(stage: name) }

    func journalEntry(_ state: DocumentState) -> [UInt8] { [] }

    func replay(_ entry: [UInt8]) {}
}
