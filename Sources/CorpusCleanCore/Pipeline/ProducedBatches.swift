/// Batches of an `OrderedPipeline` that were produced and wait for a worker, in the order
/// they were produced, and the number of workers taking them; touched under a lock.
struct ProducedBatches<Batch> {
    var waiting: [(number: Int, batch: Batch)] = []
    /// Workers that are transforming a batch and will take the next waiting one when done.
    var running = 0
}
