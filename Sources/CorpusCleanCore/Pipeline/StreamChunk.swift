/// Documents on their way through a streaming run, with the time each step spent on them.
struct StreamChunk: Sendable {
    var states: [DocumentState]
    /// Per step (document steps, then corpus steps), nanoseconds of work on this chunk.
    var nanoseconds: [UInt64]
    /// Per corpus step and document, the journal entry of what its decision consumes
    /// (`CorpusStage.journalEntry`), encoded by the worker that prepared it.
    var journalEntries: [[[UInt8]]]
    /// The reader's `bytesRead` after the chunk's last document (progress).
    var bytesRead: Int?

    init(documents: [Document], stages: Int, corpusSteps: Int) {
        states = documents.map(DocumentState.init)
        nanoseconds = Array(repeating: 0, count: stages)
        journalEntries = Array(repeating: Array(repeating: [], count: documents.count), count: corpusSteps)
    }
}
