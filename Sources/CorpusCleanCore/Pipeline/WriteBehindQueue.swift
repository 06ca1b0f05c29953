import Dispatch
import Synchronization

/// Runs write jobs in the order they are submitted, behind the thread that submits them (a
/// streaming run's deciding queue), so that deciding and writing overlap. The jobs run in one
/// long-lived block on a Dispatch queue of their own, so every write and checkpoint of a run
/// comes from one thread, in order. At most `depth` jobs wait: `submit` blocks beyond that,
/// which keeps memory flat. After a job fails the later ones are not run; `drain`, which
/// every owner must call once, waits for the queue and throws the failure.
final class WriteBehindQueue: Sendable {
    private typealias Job = UnsafeSendable<() throws(InputError) -> Void>
    private let queue = DispatchQueue(label: "corpusclean.writer")
    private let slots: DispatchSemaphore
    private let waiting = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// Submitted jobs not yet run; nil marks the end.
    private let jobs = Mutex<[Job?]>([])
    private let failure = Mutex<InputError?>(nil)

    init(depth: Int = 2) {
        slots = DispatchSemaphore(value: max(1, depth))
        queue.async { [self] in
            while true {
                waiting.wait()
                guard let job = jobs.withLock({ $0.removeFirst() }) else { break }
                if !failed {
                    do throws(InputError) {
                        try job.value()
                    } catch {
                        failure.withLock { $0 = error }
                    }
                }
                slots.signal()
            }
            finished.signal()
        }
    }

    /// Whether a job has failed (then nothing later is written).
    var failed: Bool { failure.withLock { $0 != nil } }

    /// Queues `job` after those submitted before it; returns false, without queueing it, when
    /// an earlier job failed. `job` may capture what only it and the later jobs touch.
    @discardableResult
    func submit(_ job: @escaping () throws(InputError) -> Void) -> Bool {
        guard !failed else { return false }
        slots.wait()
        jobs.withLock { $0.append(UnsafeSendable(job)) }
        waiting.signal()
        return true
    }

    /// Waits until every queued job has run and ends the queue; throws the first failure.
    func drain() throws(InputError) {
        jobs.withLock { $0.append(nil) }
        waiting.signal()
        finished.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
