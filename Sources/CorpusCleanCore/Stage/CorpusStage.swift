/// A stage whose decisions depend on other documents (dedup). It splits in two so that the
/// output is the same for any worker count: a pure part that runs concurrently, and a
/// cheap part that the runner calls sequentially, in input order.
public protocol CorpusStage: AnyObject, Sendable {
    var name: StageName { get }
    /// Concurrent part: computes what `decide` needs and leaves it with `state.setPrepared(_:for:)`.
    func prepare(_ state: inout DocumentState)
    /// Sequential part, called in input order: returns the report (and the drop, if any).
    func decide(_ state: inout DocumentState) -> StageReport
    /// Encodes what `decide` is about to consume for this document (after `prepare`), so
    /// that `--resume` can rebuild the stage's state by replaying, without the text (and
    /// without what the stage keeps in `resumeStaging`, which it reads back itself).
    func journalEntry(_ state: DocumentState) -> [UInt8]
    /// Applies a journal entry as `decide` applied it in the interrupted run.
    func replay(_ entry: [UInt8])
    /// Called once after the journal is replayed: throws when the stage's state could not be
    /// rebuilt from it (an entry it could not read, a staged file that does not match the journal).
    func replayed() throws(InputError)
    /// The identity of the run's input (its paths and their fingerprint), set before `begin`;
    /// nil when it has none (standard input). A stage that keeps state across runs (a saved
    /// index) may use it to tell a rerun of the same input from a new one.
    var runInput: String? { get set }
    /// Where the stage may keep files for `--resume` (the output's staging directory) and, when
    /// resuming, their checkpointed lengths; nil when the run cannot be resumed (a dry run,
    /// standard output, a compressed documents.jsonl). Set before `begin`.
    var resumeStaging: ResumeStaging? { get set }
    /// The byte length of each file the stage keeps in `resumeStaging`, by name, that the
    /// documents decided so far need: recorded in the checkpoint. Read on the deciding thread
    /// after `check`.
    var resumeFileLengths: [String: Int] { get }
    /// Called once before the first document (e.g. to load a saved index).
    func begin() throws(InputError)
    /// Called once after the last document (e.g. to stage a saved index).
    func finish() throws(InputError)
    /// What `finish` staged to replace (a saved index): the run's commit makes these moves
    /// together with the output's.
    var stagedReplacements: [CommitMove] { get }
    /// Throws when the stage's decisions can no longer be trusted (a write of its state
    /// failed). The runner calls it before it writes each batch, so that no output and no
    /// checkpoint follow the failure.
    func check() throws(InputError)
    /// True when decisions need the whole input: the runner then holds every document after
    /// this step until the input ends, calls `settle` on all of them, and goes on from there.
    var holdsDocuments: Bool { get }
    /// Final decisions over every document, in input order (only when `holdsDocuments`).
    func settle(_ states: inout [DocumentState])
}

extension CorpusStage {
    public var runInput: String? {
        get { nil }
        set {}
    }
    public var resumeStaging: ResumeStaging? {
        get { nil }
        set {}
    }
    public var resumeFileLengths: [String: Int] { [:] }
    public func replayed() throws(InputError) {}
    public func begin() throws(InputError) {}
    public func finish() throws(InputError) {}
    public var stagedReplacements: [CommitMove] { [] }
    public func check() throws(InputError) {}
    public var holdsDocuments: Bool { false }
    public func settle(_ states: inout [DocumentState]) {}
}
