import CorpusCleanCore
import CorpusCleanStages
/// Per input shard: runs the per-document stages over the shard (boilerplate with the
/// corpus-wide shared lines of the reduce task), encodes every document's output lines, and
/// computes the dedup signature of each document that reaches dedup. Writes:
///
/// - `records.bin`: per document in shard order, u8 kind and length-prefixed byte strings:
///   kind 0 (decided before dedup, or no dedup): manifest line, rejected line (or empty),
///   cleaned record (or empty); kind 1 (reaches dedup): manifest line and cleaned record if
///   kept, manifest and rejected templates if dropped (`DropTemplate`), and u64 the text's bytes;
/// - the signatures (`ShardSignatures`);
/// - `summary.json`: the shard's counters as if dedup kept every document.
struct MapTask {
    static let recordsName = "records.bin"
    static let summaryName = "summary.json"

    let context: TaskContext
    let stages: MapStages
    let shard: Int

    func run(into folder: String) throws(InputError) {
        let config = context.config
        let dedup = stages.dedup
        let runner = PipelineRunner(steps: stages.steps, workers: config.effectiveWorkers, batchSize: config.batchSize, logger: context.logger)
        let records = try BufferedFile(path: folder + "/" + Self.recordsName)
        let writer = try SignatureWriter(folder: folder, dedup: dedup)
        let encoder = context.encoder
        var failure: InputError?
        runner.observer = { state in
            guard failure == nil else { return }
            do throws(InputError) {
                try records.write(Self.record(state, encoder: encoder))
                if let signature = state.prepared(DedupSignature.self, by: .dedup) {
                    try writer.add(id: state.document.id, signature)
                }
            } catch {
                failure = error
            }
        }
        var reader = context.reader(shard)
        var summary = context.emptySummary()
        try runner.run(reader: &reader, writer: nil, summary: &summary)
        if let error = reader.streamError { throw error }
        if let failure { throw failure }
        try records.close()
        try writer.close()
        try TaskFiles.writeAtomically(TaskContext.counters(summary), to: folder + "/" + Self.summaryName)
    }

    /// The bytes of one document in `records.bin`.
    static func record(_ state: DocumentState, encoder: RecordEncoder) -> [UInt8] {
        var w = BinaryWriter()
        guard state.prepared(DedupSignature.self, by: .dedup) != nil else {
            w.uint8(0)
            w.data(encoder.manifestLine(state))
            w.data(state.status == .kept ? [] : encoder.rejectedLine(state))
            w.data(state.status == .kept ? encoder.documentLine(state) : [])
            return w.bytes
        }
        w.uint8(1)
        w.data(encoder.manifestLine(state))
        w.data(encoder.documentLine(state))
        var dropped = state
        dropped.reports.removeLast()
        dropped.record(DropTemplate.report)
        w.data(encoder.manifestLine(dropped))
        w.data(encoder.rejectedLine(dropped))
        w.uint64(UInt64(state.text.utf8.count))
        return w.bytes
    }
}
