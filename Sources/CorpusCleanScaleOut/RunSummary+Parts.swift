import CorpusCleanCore
import CorpusCleanStages
extension RunSummary {
    /// Adds another part's counters (a shard's, in a distributed run).
    mutating func add(_ other: RunSummary) {
        documents += other.documents
        kept += other.kept
        dropped += other.dropped
        errors += other.errors
        errorReasons.merge(other.errorReasons, uniquingKeysWith: +)
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        for (i, part) in other.stages.enumerated() where i < stages.count {
            stages[i].documentsIn += part.documentsIn
            stages[i].documentsOut += part.documentsOut
            stages[i].changed += part.changed
            stages[i].bytesIn += part.bytesIn
            stages[i].dropped.merge(part.dropped, uniquingKeysWith: +)
            stages[i].linesRemoved.merge(part.linesRemoved, uniquingKeysWith: +)
            stages[i].fixes.merge(part.fixes, uniquingKeysWith: +)
            stages[i].seconds += part.seconds
        }
    }
}
