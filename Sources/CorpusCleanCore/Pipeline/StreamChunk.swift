/// Documents on their way through a streaming run, with the time each step spent on them.
struct StreamChunk: Sendable {
    /// The records as the reader cut them, until a worker parses them (`parse()`).
    private var records: [RawRecord]
    /// The documents, once parsed.
    var states: [DocumentState] = []
    /// Per step (document steps, then corpus steps), nanoseconds of work on this chunk.
    var nanoseconds: [UInt64]
    /// Per corpus step after the first and document, the journal entry of what its decision
    /// consumes (`CorpusStage.journalEntry`), encoded by the worker that prepared it.
    var journalEntries: [[[UInt8]]]
    /// The journal of the first corpus step's decisions on the chunk: for every document that
    /// reaches that step, its entry, as an array of its own, so that the entries (large for
    /// dedup) are not copied on the way (no decision comes before that step's, so the worker
    /// knows which documents reach it); the writer writes each after its frame.
    var firstJournal: [[UInt8]] = []
    /// The frames of `firstJournal`'s entries (step number and entry length, 5 bytes each), one
    /// after the other in one array.
    var firstJournalFrames = BinaryWriter()
    /// Per stage of the run, the counts of the reports the worker recorded (those of the
    /// document steps), for the summary.
    var statistics: [StageTally]
    /// Per document, how many of its reports `statistics` counts.
    var counted: [Int]
    /// Per document, where its output lines are in `lines` as the worker left it (when the run
    /// writes; else empty). Not optional: an array of optionals is destroyed through the
    /// runtime's generic optional witness, about 480 instructions a document.
    var encoded: [EncodedOutput] = []
    /// The output lines of the chunk's documents, one after the other per file.
    var lines = EncodedLines()
    /// The reader's `bytesRead` after the chunk's last document (progress).
    var bytesRead: Int?
    /// The thread that parsed the chunk, and so allocated most of what it holds (`WorkerFrees`).
    var owner: UInt = 0

    /// `summarized`: the stages of the run's summary, in its order.
    init(records: [RawRecord], steps: Int, summarized: [StageName], corpusSteps: Int) {
        self.records = records
        nanoseconds = Array(repeating: 0, count: steps)
        journalEntries = Array(repeating: Array(repeating: [], count: records.count), count: max(0, corpusSteps - 1))
        statistics = summarized.map(StageTally.init)
        counted = Array(repeating: 0, count: records.count)
    }

    /// Makes the documents of the records (on the worker that takes the chunk), with room for
    /// a report of every step.
    mutating func parse() {
        owner = WorkerFrees<StreamChunk>.currentThread
        let steps = nanoseconds.count
        states.reserveCapacity(records.count)
        // One scratch for the chunk's escaped strings, not one allocation a string.
        let scratch = UnescapeScratch()
        for i in records.indices {
            states.append(DocumentState(document: records[i].document(scratch: scratch), reportCapacity: steps))
        }
        records = []
    }

    /// Counts the reports document `i`, `state`, has so far into `statistics` (as
    /// `RunSummary.add` would).
    mutating func count(_ i: Int, _ state: inout DocumentState) {
        statistics.add(&state.reports)
        counted[i] = state.reports.count
    }
}
