/// Documents on their way through a streaming run, with the time each step spent on them.
struct StreamChunk: Sendable {
    var states: [DocumentState]
    /// Per step (document steps, then corpus steps), nanoseconds of work on this chunk.
    var nanoseconds: [UInt64]

    init(documents: [Document], stages: Int) {
        states = documents.map(DocumentState.init)
        nanoseconds = Array(repeating: 0, count: stages)
    }
}
