import Dispatch
import Synchronization
import Logging

/// Runs the configured steps over a reader's documents and hands them, in input order, to
/// the writer.
///
/// When the corpus steps come after every document step and no step observer is set (the
/// usual run), it streams (`OrderedPipeline`): this thread cuts chunks of records from the
/// input (`DocumentReader.nextRecord`), a worker parses a chunk's records and takes each
/// document through every document step and the corpus steps' pure halves and encodes its
/// output lines, one serial queue makes the corpus steps' decisions in input order, and a
/// second one writes behind it (`WriteBehindQueue`), all at once, with a bounded number of
/// chunks in flight. Otherwise (debugging flags, a
/// corpus step before a document step) it goes batch by batch and step by step: each
/// document step on the worker pool, a corpus step's pure half on the pool and its deciding
/// half in input order. Memory is bounded by the batch size, not the corpus size, and the
/// output does not depend on the worker count. The exception is a corpus stage that
/// `holdsDocuments` (dedup's `keep: longest`): the documents wait after it until the input ends.
public final class PipelineRunner {
    public let steps: [PipelineStep]
    public let pool: WorkerPool
    public let batchSize: Int
    public let logger: Logger
    /// Called after every batch with the documents done so far (those of an interrupted run
    /// that `--resume` skipped included) and the reader's `bytesRead` after them.
    public var progress: ((Int, Int?) -> Void)?
    /// Called with every finished document, in input order (for debugging flags).
    public var observer: ((DocumentState) -> Void)?
    /// Called with each batch in input order: once before the first step (step 0, the
    /// input) and after every step k (1-based), for `--dump-stages` and `explain`.
    public var stepObserver: ((Int, [DocumentState]) -> Void)?
    /// Stops reading once this returns true for a document that was read (after its batch).
    public var stopAfter: ((Document) -> Bool)?
    /// Once it has a signal, no further document is read: those read are finished, written
    /// and checkpointed, and `run` returns without finishing the corpus stages (nothing to
    /// commit; `--resume` goes on).
    public var interruption: RunInterruption?
    private var interrupted: Bool { interruption?.signal != nil }
    private var begun = false
    /// The ids of the documents written in this run, for the warning on repeated ones.
    private var ids = DuplicateIDs()

    public init(steps: [PipelineStep], workers: Int, batchSize: Int, logger: Logger) {
        self.steps = steps
        pool = WorkerPool(workers: workers)
        self.batchSize = batchSize
        self.logger = logger
    }

    private var corpusStages: [any CorpusStage] {
        steps.compactMap { step in
            if case let .corpus(stage) = step { return stage }
            return nil
        }
    }

    /// The lengths of the files the corpus stages keep for `--resume`, for a checkpoint of the
    /// documents decided so far (on the deciding thread, after `account`).
    private var resumeFileLengths: [String: Int] {
        corpusStages.reduce(into: [:]) { lengths, stage in
            lengths.merge(stage.resumeFileLengths) { _, _ in preconditionFailure("two corpus stages stage files of the same name") }
        }
    }

    /// What the corpus stages staged in `finish` (a saved index), for the run's commit.
    public var stagedReplacements: [CommitMove] { corpusStages.flatMap(\.stagedReplacements) }

    /// Lets every corpus stage start (load a saved index). `run` calls it when nobody did;
    /// `--resume` calls it first, so that the journal replays on top of the loaded state.
    public func begin() throws(InputError) {
        guard !begun else { return }
        begun = true
        for stage in corpusStages { try stage.begin() }
    }

    /// Processes every document of `reader` (at most `limit`), writing through `writer`.
    /// `skipped` documents were already done by an interrupted run (`--resume`): the reader
    /// is past them and the summary counts them. Logs one warning when documents share an id
    /// (among those this run read).
    public func run(reader: inout some DocumentReader, writer: OutputWriter?, summary: inout RunSummary,
                    limit: Int? = nil, skipped: Int = 0) throws(InputError) {
        let start = DispatchTime.now().uptimeNanoseconds
        try begin()
        ids = DuplicateIDs()
        let holding = steps.firstIndex { step in
            if case let .corpus(stage) = step { return stage.holdsDocuments }
            return false
        }
        if holding == nil, stepObserver == nil, corpusStepsComeLast {
            try stream(reader: &reader, writer: writer, summary: &summary, limit: limit.map { max(0, $0 - skipped) },
                       skipped: skipped)
            if interrupted { return }
            for stage in corpusStages { try stage.finish() }
            summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            warnOfDuplicateIDs()
            return
        }
        let firstSteps = 0..<(holding.map { $0 + 1 } ?? steps.count)
        var held: [DocumentState] = []
        var done = 0
        let limit = limit.map { max(0, $0 - skipped) }
        while limit.map({ done < $0 }) ?? true {
            var batch: [Document] = []
            batch.reserveCapacity(batchSize)
            var stop = false
            while !stop, !interrupted, batch.count < batchSize, limit.map({ done + batch.count < $0 }) ?? true, let doc = reader.next() {
                batch.append(doc)
                stop = stopAfter?(doc) ?? false
            }
            if batch.isEmpty { break }
            var states = batch.map(DocumentState.init)
            let journal = process(&states, summary: &summary, steps: firstSteps)
            done += states.count
            if holding != nil {
                held.append(contentsOf: states)
            } else {
                try finish(states, journal: journal, writer: writer, summary: &summary)
                // Held documents are written only at the end, so only this path can resume.
                try writer?.checkpoint(documents: done + skipped, summary: summary, stageFiles: resumeFileLengths)
            }
            progress?(done + skipped, reader.bytesRead)
            if stop { break }
        }
        // Held documents are not written yet: an interrupted run of them leaves no checkpoint.
        if interrupted { return }
        if let holding, case let .corpus(stage) = steps[holding] {
            stage.settle(&held)
            var offset = 0
            while offset < held.count {
                var states = Array(held[offset..<min(held.count, offset + batchSize)])
                process(&states, summary: &summary, steps: (holding + 1)..<steps.count)
                try finish(states, journal: [], writer: writer, summary: &summary)
                offset += batchSize
            }
        }
        for stage in corpusStages { try stage.finish() }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        warnOfDuplicateIDs()
    }

    /// The one warning of a run whose documents share ids: how many repeat an earlier id, and
    /// the first few of those ids.
    private func warnOfDuplicateIDs() {
        guard ids.count > 0 else { return }
        logger.warning("duplicate document ids: some documents have the id of an earlier one; each keeps its own manifest line, told apart by source",
                       metadata: ["duplicates": .stringConvertible(ids.count), "first_ids": .array(ids.first.map { .string($0) })])
    }

    /// Whether no document step follows a corpus step (then one worker can take a document
    /// through every document step and the corpus steps' pure halves before any decision).
    private var corpusStepsComeLast: Bool {
        let isCorpus = steps.map { step in
            if case .corpus = step { return true }
            return false
        }
        return !zip(isCorpus, isCorpus.dropFirst()).contains { $0 && !$1 }
    }

    /// Documents a worker takes at a time in a streaming run: small enough that two workers
    /// share a small input, large enough that handing chunks over costs nothing.
    package static let chunkSize = 64

    /// The streaming run (see the type's documentation). Checkpoints after every `batchSize`
    /// documents written and after the last.
    private func stream(reader: inout some DocumentReader, writer: OutputWriter?, summary: inout RunSummary,
                        limit: Int?, skipped: Int) throws(InputError) {
        let documentSteps = steps.compactMap { step -> (any DocumentStage)? in
            if case let .document(stage) = step { return stage }
            return nil
        }
        let corpusSteps = corpusStages
        let chunk = max(1, min(batchSize, Self.chunkSize))
        var read = 0
        var stop = false
        var done = 0
        var checkpointed = 0
        var failure: InputError?
        let stageCount = steps.count
        // Only a run that writes can be resumed, so only then is the journal kept.
        let journaled = writer != nil
        // Encoded on the workers; the writer re-encodes only what a decision changed.
        let lines = writer?.lines
        let behind = WriteBehindQueue()
        // Chunks written and not yet destroyed (see the transform).
        let spent = WorkerFrees<StreamChunk>()
        let stageNames = summary.stages.map(\.stage)
        let span = pool.workers * chunk
        OrderedPipeline(workers: pool.workers).run(produce: { () -> StreamChunk? in
            // The last chunks are smaller, so that the workers finish together instead of one
            // going through a whole chunk alone at the end.
            let size = Self.nearEnd(read: read, limit: limit, counted: read + skipped, bytesRead: reader.bytesRead,
                                    bytesTotal: reader.bytesTotal, span: span) ? max(1, chunk / 4) : chunk
            var records: [RawRecord] = []
            records.reserveCapacity(size)
            while !stop, !interrupted, records.count < size, limit.map({ read < $0 }) ?? true, let record = reader.nextRecord() {
                read += 1
                if let stopAfter {
                    // Whether to read on depends on the document: parsed here then.
                    let document = record.document()
                    stop = stopAfter(document)
                    records.append(RawRecord(document: document))
                } else {
                    records.append(consume record)
                }
            }
            guard !records.isEmpty else { return nil }
            var chunk = StreamChunk(records: records, steps: stageCount, summarized: stageNames, corpusSteps: corpusSteps.count)
            chunk.bytesRead = reader.bytesRead
            return chunk
        }, transform: { chunk in
            // The chunks this thread parsed and were written since are destroyed here, on it.
            spent.free()
            chunk.parse()
            // Out of the chunk while the documents go through the steps, so that each is
            // worked on in place rather than copied out of the chunk at every step.
            var states = chunk.states
            chunk.states = []
            // The chunk's output lines are built one after the other, per file.
            var buffers = EncodedLineBuffers(documents: lines == nil ? 1 : states.count, writesRecords: lines?.writesRecords ?? false)
            if lines != nil { chunk.encoded.reserveCapacity(states.count) }
            for i in states.indices {
                Self.work(on: &states[i], at: i, documentSteps: documentSteps, corpusSteps: corpusSteps,
                          journaled: journaled, lines: lines, buffers: &buffers, chunk: &chunk)
            }
            if lines != nil { chunk.lines = buffers.lines() }
            chunk.states = consume states
        }, consume: { chunk in
            guard !behind.failed else { return false }
            // The later corpus steps' entries, after the first step's, with one allocation.
            var journal = BinaryWriter()
            if journaled, !chunk.journalEntries.isEmpty {
                journal.reserveCapacity(chunk.journalEntries.joined().reduce(0) { $0 + 5 + $1.count })
            }
            var decided = chunk.states
            chunk.states = []
            for (k, stage) in corpusSteps.enumerated() {
                let t0 = DispatchTime.now().uptimeNanoseconds
                // `status`, not `isActive`: a computed property of an array's element copies it.
                for i in decided.indices where decided[i].status == .kept {
                    if journaled, k > 0 {
                        journal.uint8(UInt8(documentSteps.count + k))
                        journal.data(chunk.journalEntries[k - 1][i])
                    }
                    Self.decide(stage, &decided[i])
                }
                chunk.nanoseconds[documentSteps.count + k] += DispatchTime.now().uptimeNanoseconds - t0
            }
            // Moved back: a copy left in `decided` would make `account` copy the array to write to it.
            chunk.states = consume decided
            for (k, nanoseconds) in chunk.nanoseconds.enumerated() where k < summary.stages.count {
                summary.stages[k].seconds += Double(nanoseconds) / 1e9
            }
            do throws(InputError) {
                try account(&chunk.states, counted: (chunk.counted, chunk.statistics), summary: &summary)
            } catch {
                failure = error
                return false
            }
            done += chunk.states.count
            let checkpoint = done - checkpointed >= batchSize ? summary : nil
            if checkpoint != nil { checkpointed = done }
            // Taken here, where they hold for the documents decided so far: the write job runs behind.
            let stageFiles = checkpoint != nil ? resumeFileLengths : [:]
            let (entries, count, bytesRead) = (journal.bytes, done + skipped, chunk.bytesRead)
            // Moved out whole, so that the write job holds the chunk's only copy.
            var written = StreamChunk(records: [], steps: 0, summarized: [], corpusSteps: 0)
            swap(&written, &chunk)
            let handoff = BatchHandoff(consume written)
            return behind.submit { () throws(InputError) in
                var written = handoff.take()
                assert(written.encoded.isEmpty || written.encoded.count == written.states.count,
                       "a document's encoded lines are at its index")
                try writer?.write(&written.states, encoded: written.encoded, lines: written.lines,
                                  journalFrames: written.firstJournalFrames.bytes, journalParts: written.firstJournal,
                                  journal: entries)
                if let checkpoint { try writer?.checkpoint(documents: count, summary: checkpoint, stageFiles: stageFiles) }
                self.progress?(count, bytesRead)
                let owner = written.owner
                spent.hand(consume written, allocatedBy: owner)
            }
        })
        try behind.drain()
        if let failure { throw failure }
        if done > checkpointed { try writer?.checkpoint(documents: done + skipped, summary: summary, stageFiles: resumeFileLengths) }
    }

    /// Whether `span` documents or fewer are left to read: by `limit`, or by the bytes left at
    /// the mean size of the `counted` documents read so far.
    static func nearEnd(read: Int, limit: Int?, counted: Int, bytesRead: Int?, bytesTotal: Int?, span: Int) -> Bool {
        if let limit, limit - read <= span { return true }
        guard counted > 0, let bytesRead, let bytesTotal, bytesRead > 0, bytesTotal >= bytesRead else { return false }
        // In floating point: the products pass Int's range on inputs of a few hundred GB.
        return Double(bytesTotal - bytesRead) * Double(counted) <= Double(span) * Double(bytesRead)
    }

    /// Takes document `i` of a streaming chunk through the document steps and the corpus
    /// steps' pure halves, and encodes its output lines when `lines` is given.
    private static func work(on state: inout DocumentState, at i: Int, documentSteps: [any DocumentStage],
                             corpusSteps: [any CorpusStage], journaled: Bool, lines: OutputLineEncoder?,
                             buffers: inout EncodedLineBuffers, chunk: inout StreamChunk) {
        for (k, stage) in documentSteps.enumerated() where state.isActive {
            let t0 = DispatchTime.now().uptimeNanoseconds
            var report = StageReport(stage: stage.name)
            stage.process(&state, into: &report)
            report.nanoseconds = DispatchTime.now().uptimeNanoseconds - t0
            chunk.nanoseconds[k] += report.nanoseconds
            // `consume`: a report is copied (a retain a field) on its way otherwise.
            state.record(consume report)
        }
        for (k, stage) in corpusSteps.enumerated() where state.isActive {
            let t0 = DispatchTime.now().uptimeNanoseconds
            stage.prepare(&state)
            // Encoded here rather than on the serial queue, which every document passes.
            if journaled {
                let entry = stage.journalEntry(state)
                if k == 0 {
                    if chunk.firstJournal.isEmpty {
                        chunk.firstJournal.reserveCapacity(chunk.counted.count)
                        chunk.firstJournalFrames.reserveCapacity(5 * chunk.counted.count)
                    }
                    chunk.firstJournalFrames.uint8(UInt8(documentSteps.count))
                    chunk.firstJournalFrames.uint32(UInt32(entry.count))
                    chunk.firstJournal.append(entry)
                } else {
                    chunk.journalEntries[k - 1][i] = entry
                }
            }
            chunk.nanoseconds[documentSteps.count + k] += DispatchTime.now().uptimeNanoseconds - t0
        }
        // The summary's counts of these reports, here rather than on the serial queue.
        chunk.count(i, &state)
        // Document `i`'s entry: every document of the chunk is encoded, in order.
        if let lines { chunk.encoded.append(lines.encode(state, into: &buffers)) }
    }

    /// Records `stage`'s decision on `state`.
    private static func decide(_ stage: any CorpusStage, _ state: inout DocumentState) {
        let report = stage.decide(&state)
        state.record(consume report)
    }

    /// Counts finished documents in the summary, after the corpus stages' checks (on the
    /// thread that decides, in input order).
    /// `counted`: reports counted apart (on a worker), per document how many and their counts.
    /// (`states` is inout so that each is read in place: a borrowed array's element that is
    /// handed on is copied.)
    private func account(_ states: inout [DocumentState], counted: (reports: [Int], statistics: [StageTally])? = nil,
                         summary: inout RunSummary) throws(InputError) {
        for stage in corpusStages { try stage.check() }
        if let counted { summary.add(tallies: counted.statistics) }
        for i in states.indices {
            summary.add(&states[i], reportsFrom: counted?.reports[i] ?? 0)
            ids.add(states[i].document.id)
            if let observer { observer(states[i]) }
        }
    }

    private func finish(_ states: consuming [DocumentState], journal: [UInt8], writer: OutputWriter?,
                        summary: inout RunSummary) throws(InputError) {
        try account(&states, summary: &summary)
        if let writer { try writer.write(states, journal: journal) }
    }

    /// The pre-passes of the steps (corpus-wide line counts of `boilerplate`), in step order.
    public var prepasses: [any CorpusPrepass] {
        steps.compactMap { step in
            if case let .document(stage) = step { return stage.prepass }
            return nil
        }
    }

    /// Drives every pre-pass over `reader` (at most `limit` documents): one read of the input,
    /// before `run`. Records are parsed and keys computed on the workers while this thread
    /// reads on, and counted in input order on the pipeline's serial queue (`OrderedPipeline`).
    /// A plain JSON Lines file (without `limit`) is read by the workers themselves, a block of
    /// `fileBlockBytes` each (`JSONLFileBlocks`). Counts are sums, so both give the same.
    public func prepass(reader: inout some DocumentReader, limit: Int? = nil) throws(InputError) {
        try prepass(reader: &reader, limit: limit, fileBlockBytes: 1 << 20)
    }

    /// ``prepass(reader:limit:)`` with the size of a plain file's blocks given (tests part the
    /// lines everywhere with small blocks).
    func prepass(reader: inout some DocumentReader, limit: Int?, fileBlockBytes: Int) throws(InputError) {
        let passes = prepasses
        guard !passes.isEmpty else { return }
        let chunk = max(1, min(batchSize, Self.chunkSize))
        let file = limit == nil ? reader.fileBlocks(blockBytes: fileBlockBytes) : nil
        var read = 0
        // A block that could not be read ends the pre-pass, as a stream error does the reader's.
        let failed = Atomic<Bool>(false)
        // Keys counted and not yet freed: freed by a later transform on the worker that
        // allocated them, rather than on the counting queue.
        let spent = WorkerFrees<[UInt64]>()
        OrderedPipeline(workers: pool.workers).run(produce: { () -> PrepassBatch? in
            guard !interrupted, !failed.load(ordering: .relaxed) else { return nil }
            if let file {
                guard read < file.count else { return nil }
                read += 1
                return PrepassBatch(block: read - 1)
            }
            var records: [RawRecord] = []
            records.reserveCapacity(chunk)
            while !interrupted, records.count < chunk, limit.map({ read < $0 }) ?? true, let record = reader.nextRecord() {
                records.append(consume record)
                read += 1
            }
            return records.isEmpty ? nil : PrepassBatch(records: records)
        }, transform: { batch in
            spent.free()
            batch.owner = WorkerFrees<[UInt64]>.currentThread
            let scratch = UnescapeScratch()
            var keys = [[UInt64]](repeatElement([], count: passes.count))
            // The text's bytes, the line's own when its only escapes are newlines, else
            // unescaped in the scratch: no string is made of it.
            let whole = batch.forEachText(of: file, scratch: scratch) { text, newlinesEscaped in
                for p in passes.indices {
                    passes[p].keys(ofUTF8: text, newlinesEscaped: newlinesEscaped, appendingTo: &keys[p])
                }
            }
            if !whole { failed.store(true, ordering: .relaxed) }
            batch.keys = consume keys
            batch.records = []
        }, consume: { batch in
            for (i, keys) in batch.keys.enumerated() { passes[i].count(keys) }
            spent.hand(contentsOf: &batch.keys, allocatedBy: batch.owner)
            return true
        })
        for pass in passes { try pass.finish() }
    }

    /// Runs the steps in `range` (all by default) over one batch. Returns the journal of the
    /// corpus stages' decisions (step number and entry per document), for `--resume`. Call
    /// `begin()` first when a corpus stage is among the steps (`run` does).
    @discardableResult
    public func process(_ states: inout [DocumentState], summary: inout RunSummary, steps range: Range<Int>? = nil) -> [UInt8] {
        var journal = BinaryWriter()
        let range = range ?? steps.indices
        if range.lowerBound == 0 { stepObserver?(0, states) }
        for stepIndex in range {
            let stepStart = DispatchTime.now().uptimeNanoseconds
            switch steps[stepIndex] {
            case let .document(stage):
                pool.forEach(&states) { state in
                    guard state.isActive else { return }
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    var report = StageReport(stage: stage.name)
                    stage.process(&state, into: &report)
                    report.nanoseconds = DispatchTime.now().uptimeNanoseconds - t0
                    state.record(consume report)
                }
            case let .corpus(stage):
                pool.forEach(&states) { state in
                    guard state.isActive else { return }
                    stage.prepare(&state)
                }
                for i in states.indices where states[i].isActive {
                    journal.uint8(UInt8(stepIndex))
                    journal.data(stage.journalEntry(states[i]))
                    let report = stage.decide(&states[i])
                    states[i].record(report)
                }
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - stepStart) / 1e9
            if stepIndex < summary.stages.count { summary.stages[stepIndex].seconds += elapsed }
            stepObserver?(stepIndex + 1, states)
        }
        return journal.bytes
    }

    /// Rebuilds the corpus stages' state from the journal of an interrupted run (`path`, for
    /// the message); throws when the journal or what a stage reads back with it is damaged.
    public func replay(journal: [UInt8], path: String) throws(InputError) {
        var reader = BinaryReader(journal)
        while reader.position < journal.count {
            guard let step = reader.uint8(), let entry = reader.data(), Int(step) < steps.count,
                  case let .corpus(stage) = steps[Int(step)] else {
                throw InputError(path: path, message: "the resume journal is damaged at byte \(reader.position) (e.g. by a power loss), so --resume cannot continue the run; run again without --resume")
            }
            stage.replay(entry)
        }
        for stage in corpusStages { try stage.replayed() }
    }
}
