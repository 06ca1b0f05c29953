/// Where a corpus stage keeps what `--resume` needs besides its journal entries: files in the
/// output's staging directory, whose lengths each checkpoint records
/// (`CorpusStage.resumeFileLengths`) and which a resumed run cuts back to those lengths.
public struct ResumeStaging: Sendable {
    /// The output's staging directory (`.staging`).
    public let directory: String
    /// When resuming, the interrupted run's checkpointed byte length of each staged file, by
    /// name (a file it does not name had none); nil for a run that starts afresh.
    public let resumedLengths: [String: Int]?

    /// Staging in `directory`; `resumedLengths` as the property says.
    public init(directory: String, resumedLengths: [String: Int]?) {
        self.directory = directory
        self.resumedLengths = resumedLengths
    }
}
