/// Documents on their way through a streaming run, with the time each step spent on them.
struct StreamChunk: Sendable {
    /// The records as the reader cut them, until a worker parses them (`parse()`).
    private var records: [RawRecord]
    /// The documents, once parsed.
    var states: [DocumentState] = []
    /// Per step (document steps, then corpus steps), nanoseconds of work on this chunk.
    var nanoseconds: [UInt64]
    /// Per corpus step and document, the journal entry of what its decision consumes
    /// (`CorpusStage.journalEntry`), encoded by the worker that prepared it.
    var journalEntries: [[[UInt8]]]
    /// Per document, its output lines as the worker left it (when the run writes).
    var encoded: [EncodedOutput?]
    /// The reader's `bytesRead` after the chunk's last document (progress).
    var bytesRead: Int?

    init(records: [RawRecord], stages: Int, corpusSteps: Int) {
        self.records = records
        nanoseconds = Array(repeating: 0, count: stages)
        journalEntries = Array(repeating: Array(repeating: [], count: records.count), count: corpusSteps)
        encoded = Array(repeating: nil, count: records.count)
    }

    /// Makes the documents of the records (on the worker that takes the chunk).
    mutating func parse() {
        states = records.map { DocumentState(document: $0.document()) }
        records = []
    }
}
