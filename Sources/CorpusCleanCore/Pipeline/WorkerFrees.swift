import Synchronization

/// Values finished with on a serial thread (the writer, the counting queue) and destroyed by
/// the next worker that calls `free()`, on the thread that allocated most of what they hold:
/// glibc's malloc takes the lock of the allocating thread's arena for a free from any other.
final class WorkerFrees<Element: Sendable>: Sendable {
    private let list = Mutex<[Element]>([])

    /// Hands `value` over to be destroyed by a worker (moved in under the lock: the caller keeps
    /// no copy that a worker's `free()` could leave it to destroy).
    func hand(_ value: consuming Element) {
        var value = Optional(value)
        list.withLock { $0.append(value.take()!) }
    }

    /// Hands every value of `values` over and empties it, so that the list holds their only
    /// copies once it opens.
    func hand(contentsOf values: inout [Element]) {
        list.withLock { list in
            list += values
            values = []
        }
    }

    /// Destroys what was handed over since the last call (call on a worker).
    func free() {
        var dead: [Element] = []
        list.withLock { swap(&$0, &dead) }
        dead.removeAll()
    }
}
