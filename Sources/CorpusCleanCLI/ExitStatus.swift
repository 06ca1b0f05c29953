import ArgumentParser

/// corpusclean's documented exit statuses.
enum ExitStatus {
    static let success = ExitCode(0)
    /// The run failed (input or output could not be read or written).
    static let failure = ExitCode(1)
    /// Usage or configuration error, or an input in a format corpusclean does not read.
    static let usage = ExitCode(2)
    /// The run finished, but some documents had errors.
    static let documentErrors = ExitCode(3)
    /// Stopped at a safe point by SIGINT, SIGTERM or SIGHUP (130, 143, 129), resumable.
    static func interrupted(by signal: Int32) -> ExitCode { ExitCode(128 + signal) }
}
