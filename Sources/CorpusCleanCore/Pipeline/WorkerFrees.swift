#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Values finished with on a serial thread (the writer, the counting queue) and destroyed by a
/// worker's `free()`: by the worker that allocated most of what they hold when it comes back.
/// glibc's malloc takes the lock of the allocating thread's arena for a free from any other
/// thread, and waits on it (a futex) while that thread allocates.
final class WorkerFrees<Element: Sendable>: Sendable {
    /// The values of each allocating thread, in the order they were handed over, and how many
    /// `free()` calls of other threads passed since that thread last came for them.
    private let lists = Mutex<[UInt: (values: [Element], missed: Int)]>([:])
    /// How many values of one thread wait for it, or how many other threads' `free()` calls
    /// pass, before any worker destroys them: a thread that no longer runs the workers' loop
    /// (Dispatch retires idle threads) never comes back for them.
    private let patience: Int

    init(patience: Int = 4) { self.patience = patience }

    /// The calling thread, as `hand` and `free` tell threads apart.
    static var currentThread: UInt {
        #if canImport(Glibc)
        UInt(pthread_self())
        #else
        UInt(bitPattern: pthread_self())
        #endif
    }

    /// Hands `value` over to be destroyed by a worker, preferably the thread `owner`, which
    /// allocated it (moved in under the lock: the caller keeps no copy that a worker's `free()`
    /// could leave it to destroy).
    func hand(_ value: consuming Element, allocatedBy owner: UInt) {
        var value = Optional(value)
        lists.withLock { $0[owner, default: ([], 0)].values.append(value.take()!) }
    }

    /// Hands every value of `values` over as `hand(_:allocatedBy:)` does and empties it, so
    /// that the lists hold their only copies once they open.
    func hand(contentsOf values: inout [Element], allocatedBy owner: UInt) {
        lists.withLock { lists in
            lists[owner, default: ([], 0)].values += values
            values = []
        }
    }

    /// Destroys what the calling thread allocated and was handed over since its last call, and
    /// what waits for another thread beyond `patience` values or `4 * patience` calls of
    /// others (call on a worker).
    func free() {
        let me = WorkerFrees.currentThread
        var dead: [[Element]] = []
        lists.withLock { lists in
            guard !lists.isEmpty else { return }
            if let own = lists.removeValue(forKey: me) { dead.append(own.values) }
            for owner in Array(lists.keys) {
                lists[owner]!.missed += 1
                if lists[owner]!.values.count > patience || lists[owner]!.missed > 4 * patience {
                    dead.append(lists.removeValue(forKey: owner)!.values)
                }
            }
        }
        dead.removeAll()
    }

    /// Values waiting, over all threads.
    var waiting: Int { lists.withLock { $0.values.reduce(0) { $0 + $1.values.count } } }
}
