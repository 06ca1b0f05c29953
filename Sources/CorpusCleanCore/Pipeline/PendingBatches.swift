/// Batches of an `OrderedPipeline` that finished out of order, waiting for the ones before
/// them; touched only on the pipeline's serial queue.
final class PendingBatches<Batch>: @unchecked Sendable {
    var pending: [Int: Batch] = [:]
    /// The number of the next batch to consume.
    var next = 0
}
