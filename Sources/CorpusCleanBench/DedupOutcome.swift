import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut

/// What a dedup run decided, by document id: which documents were dropped as duplicates and
/// the cluster root of each (`duplicate_of` followed until a document that names none; a kept
/// document is its own root).
struct DedupOutcome {
    /// Position of each id in the input (the first, should an id repeat).
    let index: [String: Int]
    /// The id each document names as the one it duplicates, if it was dropped as a duplicate.
    private let named: [String?]
    private let ids: [String]

    init(docs: [DedupCorpus.Doc], states: [DocumentState]) {
        var index: [String: Int] = [:]
        index.reserveCapacity(docs.count)
        for (i, doc) in docs.enumerated() where index[doc.id] == nil { index[doc.id] = i }
        self.index = index
        ids = docs.map(\.id)
        named = states.map { state in
            guard state.reason == "exact_duplicate" || state.reason == "near_duplicate" else { return nil }
            return state.duplicate?.duplicateOf
        }
    }

    /// True when the document was dropped as `exact_duplicate` or `near_duplicate`.
    func isDuplicateDrop(_ id: String) -> Bool {
        index[id].map { named[$0] != nil } ?? false
    }

    /// The id of the root of the document's cluster; an id outside the input is its own root.
    func root(_ id: String) -> String {
        var current = id
        for _ in 0...ids.count {
            guard let i = index[current], let next = named[i], next != current else { return current }
            current = next
        }
        return current
    }
}
