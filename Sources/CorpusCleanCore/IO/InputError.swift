/// An input that cannot be opened at all.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String
    /// True when the input is in a format corpusclean does not read (Parquet, zip, bzip2...):
    /// found from its first bytes, before any work, and a usage error (exit status 2) in the CLI.
    public let unsupportedFormat: Bool
    /// True when the output directory is the input itself (the input directory, or the input
    /// file's path), so the run would read what it writes: found before any work, and a usage
    /// error (exit status 2) in the CLI.
    public let outputIsInput: Bool
    /// True when `--resume` found the input changed since the interrupted run, or a checkpoint
    /// it cannot continue: found before any work, and a usage error (exit status 2) in the CLI.
    public let changedSinceCheckpoint: Bool
    /// True when the inputs given cannot make one input (a glob that matches nothing, a folder
    /// of text files and record files mixed, a file given twice...): found before any work, and
    /// a usage error (exit status 2) in the CLI.
    public let badArguments: Bool
    /// The signal that stopped the run at a safe point (`RunInterruption`); the CLI exits with
    /// 128 + it.
    public let signal: Int32?

    public init(path: String, message: String, unsupportedFormat: Bool = false, outputIsInput: Bool = false,
                changedSinceCheckpoint: Bool = false, badArguments: Bool = false, signal: Int32? = nil) {
        self.path = path
        self.message = message
        self.unsupportedFormat = unsupportedFormat
        self.outputIsInput = outputIsInput
        self.changedSinceCheckpoint = changedSinceCheckpoint
        self.badArguments = badArguments
        self.signal = signal
    }

    /// Whether the CLI reports it as a usage error (exit status 2) rather than a failed run (1).
    public var isUsageError: Bool { unsupportedFormat || outputIsInput || changedSinceCheckpoint || badArguments }

    public var description: String { "\(path): \(message)" }
}
