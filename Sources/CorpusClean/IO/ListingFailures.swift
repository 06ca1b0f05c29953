import Synchronization

/// Entries of a directory that could not be listed, collected from the enumerator's error
/// handler (which Foundation may call from its own context) for `TextDirectoryReader`.
final class ListingFailures: Sendable {
    private let store = Mutex<[String: String]>([:])

    /// Notes that `relative` could not be listed, and why (the first reason is kept).
    func add(_ relative: String, _ reason: String) {
        store.withLock { if $0[relative] == nil { $0[relative] = reason } }
    }

    /// Every failure so far, by relative path.
    var entries: [String: String] { store.withLock { $0 } }
}
