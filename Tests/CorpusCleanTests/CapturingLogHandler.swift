import Logging
import Synchronization

/// A swift-log handler that keeps every message logged through it (at every level), for tests
/// of what a run logs. Metadata set on the logger itself is not kept; each message's is.
final class CapturingLogHandler: LogHandler {
    private let records = Mutex<[(level: Logger.Level, message: String, metadata: Logger.Metadata)]>([])

    /// A logger that writes to this handler.
    var logger: Logger { Logger(label: "test") { _ in self } }

    /// What was logged at `level`, in order.
    func messages(at level: Logger.Level) -> [(message: String, metadata: Logger.Metadata)] {
        records.withLock { $0.filter { $0.level == level }.map { ($0.message, $0.metadata) } }
    }

    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        records.withLock { $0.append((event.level, "\(event.message)", event.metadata ?? [:])) }
    }
}
