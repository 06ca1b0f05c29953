import CorpusCleanCore
/// What `decide` leaves in `state.prepared` under `keep: longest`, for `settle`.
struct DeferredEntry: Sendable {
    /// The document's index entry, or the entry it copies.
    let entry: Int32
    /// True when the document was not indexed because it copies `entry` (same text or same shingle set).
    let copy: Bool
    /// True for a copy of the same text.
    let exact: Bool
}
