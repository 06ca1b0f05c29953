import Dispatch
import Synchronization

/// Three steps that overlap on Dispatch queues: the calling thread produces batches in order,
/// up to `workers` of them are transformed at once on a concurrent queue, and one serial
/// queue consumes them in the order they were produced. At most `depth` batches are between
/// production and consumption, so memory stays flat whatever the input's size, and the
/// result does not depend on timing: only the transform runs out of order.
///
/// Threads: `produce` runs on the calling thread, `transform` on up to `workers` Dispatch
/// threads at once (each batch on one), `consume` on one serial queue while `produce` goes on.
/// The closures must not share mutable state but through those guarantees: what `produce`
/// and `consume` capture is touched by one thread each, at one time.
public struct OrderedPipeline: Sendable {
    /// Batches transformed at once.
    public let workers: Int
    /// Batches produced and not yet consumed, at most.
    public let depth: Int

    /// A pipeline of `workers` concurrent transforms and at most `depth` batches in flight
    /// (by default twice the workers and two more, so that none waits on a slow neighbour).
    public init(workers: Int, depth: Int? = nil) {
        self.workers = max(1, workers)
        self.depth = max(self.workers, depth ?? 2 * self.workers + 2)
    }

    /// Runs until `produce` returns nil or `consume` returns false (then no later batch is
    /// consumed, and production stops). Returns when every produced batch was transformed and
    /// every one before the stop consumed. `consume` gets each batch as its only holder, so
    /// that it can change or take what the batch holds without a copy.
    public func run<Batch: Sendable>(produce: () -> Batch?, transform: @Sendable (inout Batch) -> Void,
                                     consume: (inout Batch) -> Bool) {
        let slots = DispatchSemaphore(value: depth)
        let workQueue = DispatchQueue(label: "corpusclean.workers", attributes: .concurrent)
        let orderQueue = DispatchQueue(label: "corpusclean.order")
        let group = DispatchGroup()
        let stopped = Atomic<Bool>(false)
        let reorder = PendingBatches<Batch>()
        // A worker that finishes a batch takes the next one produced itself, without a round
        // trip through the producing thread (which may not be scheduled at once).
        let produced = Mutex(ProducedBatches<Batch>())
        let workers = self.workers
        withoutActuallyEscaping(transform) { transform in
            withoutActuallyEscaping(consume) { consume in
                let transform = UnsafeSendable(transform), consume = UnsafeSendable(consume)
                let work = { @Sendable (first: (number: Int, batch: Batch)) in
                    var next: (number: Int, batch: Batch)? = first
                    // Taken out and handed on, never copied: a batch with a second holder
                    // would be copied whole by the first change to it.
                    while case (let number, var batch)? = next.take() {
                        transform.value(&batch)
                        // Handed over in a box that the consuming queue empties, so that the
                        // batch it consumes has no other holder (a captured copy would stay
                        // until the block is released).
                        let finished = BatchHandoff(consume batch)
                        orderQueue.async {
                            reorder.pending[number] = finished.take()
                            while var next = reorder.pending.removeValue(forKey: reorder.next) {
                                reorder.next += 1
                                if !stopped.load(ordering: .acquiring), !consume.value(&next) {
                                    stopped.store(true, ordering: .releasing)
                                }
                                slots.signal()
                            }
                            group.leave()
                        }
                        next = produced.withLock { state in
                            if state.waiting.isEmpty {
                                state.running -= 1
                                return nil
                            }
                            return state.waiting.removeFirst()
                        }
                    }
                }
                var sequence = 0
                while !stopped.load(ordering: .acquiring) {
                    slots.wait()
                    guard !stopped.load(ordering: .acquiring), let batch = produce() else {
                        slots.signal()
                        break
                    }
                    let item = (number: sequence, batch: batch)
                    sequence += 1
                    group.enter()
                    let start = produced.withLock { state -> (number: Int, batch: Batch)? in
                        if state.running < workers {
                            state.running += 1
                            return item
                        }
                        state.waiting.append(item)
                        return nil
                    }
                    if let start { workQueue.async { work(start) } }
                }
                group.wait()
                // The blocks hold the closures until they are released: wait for that, so that
                // none outlives this call.
                workQueue.sync(flags: .barrier) {}
                orderQueue.sync {}
            }
        }
    }
}
