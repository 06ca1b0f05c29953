import CorpusCleanCore
import CorpusCleanStages
/// The verified pairs of the band tasks, both ways, sorted: every document's partners (the
/// documents it has a verified pair with, earlier or later) in document order.
struct PairTable {
    private var entries: [(document: Int, partner: Int, similarity: Double)] = []
    private var starts: [Int: Range<Int>] = [:]

    mutating func add(_ a: Int, _ b: Int, _ similarity: Double) {
        entries.append((a, b, similarity))
        entries.append((b, a, similarity))
    }

    mutating func finish() {
        entries.sort { ($0.document, $0.partner) < ($1.document, $1.partner) }
        var i = 0
        while i < entries.count {
            var j = i + 1
            while j < entries.count && entries[j].document == entries[i].document { j += 1 }
            starts[entries[i].document] = i..<j
            i = j
        }
    }

    func of(_ document: Int) -> [(document: Int, similarity: Double)] {
        guard let range = starts[document] else { return [] }
        return entries[range].map { ($0.partner, $0.similarity) }
    }
}
