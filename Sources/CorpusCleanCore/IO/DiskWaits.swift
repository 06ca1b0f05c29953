import Dispatch
import Synchronization

/// Steps that spend their time waiting on the disk (fsync, freeing a file's blocks), run at
/// once, each on a thread of its own, so that their waits overlap instead of adding up: ext4
/// serves fsyncs that arrive together with one journal commit.
enum DiskWaits {
    /// Runs every step (each returns its failure, nil when it succeeded) and waits for all of
    /// them; throws the failure of the first step, in the order given, that failed.
    static func run(_ steps: [() -> InputError?]) throws(InputError) {
        let failures = Mutex<[InputError?]>(Array(repeating: nil, count: steps.count))
        let group = start(steps.indices.dropFirst().map { i in
            { () in
                let failure = steps[i]()
                failures.withLock { $0[i] = failure }
            }
        })
        let failure = steps.first?()
        group.wait()
        if let first = failure ?? failures.withLock({ $0.lazy.compactMap { $0 }.first }) { throw first }
    }

    /// The failure of `body`, nil when it succeeded.
    static func failure(of body: () throws(InputError) -> Void) -> InputError? {
        do throws(InputError) {
            try body()
            return nil
        } catch {
            return error
        }
    }

    /// Starts `steps`, each on a thread of its own (a queue of its own: Dispatch gives a
    /// blocked queue another thread); wait on the group returned.
    static func start(_ steps: [() -> Void]) -> DispatchGroup {
        let group = DispatchGroup()
        for step in steps {
            let step = UnsafeSendable(step)
            DispatchQueue(label: "corpusclean.disk").async(group: group) { step.value() }
        }
        return group
    }
}
