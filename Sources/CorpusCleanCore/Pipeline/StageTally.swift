/// The counts of one stage's reports (`ReportCounting`), for the reports of a streaming
/// chunk, added to the run's statistics once per chunk (`add(to:)`). Its reasons and fix kinds
/// are pairs in arrays, found by comparing strings rather than by hashing them into a
/// dictionary: a chunk has a few of each, and equal ones mostly share storage (the literals
/// of the reason codes), so that a comparison is of two words.
struct StageTally: Sendable, ReportCounting {
    let stage: StageName
    private var documentsIn = 0
    private var documentsOut = 0
    private var changed = 0
    private var dropped: [(key: String, value: Int)] = []
    private var linesRemoved: [(key: String, value: Int)] = []
    private var fixes: [(key: String, value: Int)] = []

    init(stage: StageName) { self.stage = stage }

    mutating func countDocument(droppedFor reason: String?, changed: Bool) {
        documentsIn += 1
        if let reason { StageTally.add(reason, 1, to: &dropped) } else { documentsOut += 1 }
        if changed { self.changed += 1 }
    }

    mutating func countRemovedLines(_ lines: Int, reason: String) { StageTally.add(reason, lines, to: &linesRemoved) }

    mutating func countFixes(_ count: Int, kind: String) { StageTally.add(kind, count, to: &fixes) }

    /// Adds the counts to `statistics` (the run's, of the same stage).
    func add(to statistics: inout StageStatistics) {
        statistics.documentsIn += documentsIn
        statistics.documentsOut += documentsOut
        statistics.changed += changed
        for (key, value) in dropped { statistics.dropped[key, default: 0] += value }
        for (key, value) in linesRemoved { statistics.linesRemoved[key, default: 0] += value }
        for (key, value) in fixes { statistics.fixes[key, default: 0] += value }
    }

    private static func add(_ key: String, _ value: Int, to pairs: inout [(key: String, value: Int)]) {
        // Lengths first: most of the keys a key is compared with have another length.
        let length = key.utf8.count
        for i in pairs.indices where pairs[i].key.utf8.count == length && pairs[i].key == key {
            pairs[i].value += value
            return
        }
        pairs.append((key, value))
    }
}
