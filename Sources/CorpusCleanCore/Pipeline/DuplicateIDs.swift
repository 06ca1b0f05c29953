/// Document ids that more than one document of a run has, found by the XXH64 of each id (some
/// 16 bytes of memory a document). The run goes on and the manifest keeps one line per
/// document; the runner warns once at the end.
struct DuplicateIDs {
    /// How many of the repeated ids the warning names.
    static let shown = 5
    private var seen = Set<UInt64>()
    /// Documents whose id an earlier document of the run has.
    private(set) var count = 0
    /// The first `shown` repeated ids, each once, in input order.
    private(set) var first: [String] = []

    /// Notes the id of the next document in input order.
    mutating func add(_ id: String) {
        guard !seen.insert(Hash64.hash(id)).inserted else { return }
        count += 1
        if first.count < Self.shown, !first.contains(id) { first.append(id) }
    }
}
