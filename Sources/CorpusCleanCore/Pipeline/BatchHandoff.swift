/// A transformed batch on its way from the worker that made it to the consuming queue, taken
/// out there once (`OrderedPipeline`), so that no copy of it outlives the hand-over.
final class BatchHandoff<Batch>: @unchecked Sendable {
    private var batch: Batch?

    init(_ batch: consuming Batch) { self.batch = batch }

    /// The batch; called once, on the consuming queue.
    func take() -> Batch { batch.take()! }
}
