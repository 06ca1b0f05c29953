/// How one run behaves beyond the config: the debugging and scheduling flags.
public struct RunOptions: Sendable {
    /// Process at most this many documents (the first N in input order).
    public var limit: Int?
    /// Decide and report, but write nothing to the output directory; manifest lines go to
    /// `manifestSink` instead.
    public var dryRun = false
    /// Write every document's text after every stage under this directory.
    public var dumpStages: String?
    /// Write the cleaned JSONL to standard output instead of the output directory.
    public var toStdout = false
    /// Continue an interrupted run from its checkpoint in the output directory, if any.
    public var resume = false

    public init(limit: Int? = nil, dryRun: Bool = false, dumpStages: String? = nil, toStdout: Bool = false, resume: Bool = false) {
        self.resume = resume
        self.limit = limit
        self.dryRun = dryRun
        self.dumpStages = dumpStages
        self.toStdout = toStdout
    }
}
