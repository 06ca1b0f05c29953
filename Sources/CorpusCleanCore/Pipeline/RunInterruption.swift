import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Asks a run to stop at a safe point: SIGINT, SIGTERM or SIGHUP (through Dispatch signal
/// sources, `installed()`), or `request` in tests. The runner then reads no further document,
/// writes and checkpoints those in flight, and `RunJob` ends without committing, so that
/// `--resume` continues the run. A second signal ends the process at once, by that signal.
public final class RunInterruption: @unchecked Sendable {
    /// The signals that stop a run.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private let received = Atomic<Int32>(0)
    /// Written once, before the object is shared.
    private var sources: [any DispatchSourceSignal] = []

    public init() {}

    /// Handles `signals` from now on: their default action (ending the process) is replaced
    /// by a stop request. A signal the process was started with ignored (SIGHUP under
    /// `nohup`, SIGINT for a background job of a script) stays ignored.
    public static func installed() -> RunInterruption {
        let interruption = RunInterruption()
        // A serial queue of its own gets a thread even while the workers' blocks hold every
        // thread of the global pool (each takes batch after batch until the input ends).
        let queue = DispatchQueue(label: "corpusclean.signals")
        for number in signals {
            let previous = Glibc.signal(number, SIG_IGN)
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            // Signals that arrive before the handler runs come as one event with their count.
            source.setEventHandler {
                for _ in 0..<max(1, source.data) { interruption.request(number) }
            }
            source.resume()
            interruption.sources.append(source)
        }
        return interruption
    }

    /// Notes that signal `number` arrived. The second request ends the process by that signal
    /// (its exit status 128 + `number` if the signal cannot be delivered).
    public func request(_ number: Int32) {
        guard !received.compareExchange(expected: 0, desired: number, ordering: .relaxed).exchanged else { return }
        _ = Glibc.signal(number, SIG_DFL)
        // Dispatch may block the signal on its threads (to read it from a signalfd): unblocked
        // here, so that it ends the process on this one.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(number)
        _exit(128 + number)
    }

    /// The signal that asked the run to stop, if one did.
    public var signal: Int32? {
        let number = received.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// `SIGINT`, `SIGTERM`, `SIGHUP` or `signal N`.
    public static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}
