/// A document on its way through the pipeline: its current text and every stage's report.
public struct DocumentState: Sendable {
    public let document: Document
    /// The text as the last stage left it.
    public var text: String
    public var reports: [StageReport] = []
    public var status: DocumentStatus
    /// The stage that dropped the document or found the error.
    public var decidingStage: String?
    /// The reason code of the drop or error.
    public var reason: String?
    /// What each corpus stage's concurrent half left for its sequential half, one slot per stage.
    private var prepared: [(stage: StageName, value: any Sendable)] = []

    public init(document: Document) {
        self.document = document
        self.text = document.text
        if let error = document.readError {
            status = .error
            decidingStage = "read"
            reason = error.message
        } else {
            status = .kept
        }
    }

    /// Leaves `value` for `stage`'s sequential half, replacing what it left before (nil clears it).
    public mutating func setPrepared(_ value: (any Sendable)?, for stage: StageName) {
        prepared.removeAll { $0.stage == stage }
        if let value { prepared.append((stage, value)) }
    }

    /// What `stage` left with `setPrepared`, when it is a `T`.
    public func prepared<T: Sendable>(_ type: T.Type, by stage: StageName) -> T? {
        prepared.first { $0.stage == stage }?.value as? T
    }

    /// True while later stages should still run.
    public var isActive: Bool { status == .kept }

    /// The language result of the latest language stage, if any ran.
    public var language: LanguageResult? {
        // By index, so that only the result is copied, not the report.
        for i in reports.indices.reversed() where reports[i].language != nil { return reports[i].language }
        return nil
    }

    /// The duplicate match, if a dedup stage found one.
    public var duplicate: DuplicateMatch? {
        for i in reports.indices.reversed() where reports[i].duplicate != nil { return reports[i].duplicate }
        return nil
    }

    /// Every line the stages removed, in stage order.
    public var removedLines: [RemovedLine] { reports.flatMap(\.removedLines) }

    /// How many lines the stages removed (`removedLines.count`, without collecting them).
    public var removedLineCount: Int {
        var count = 0
        for i in reports.indices { count += reports[i].removedLines.count }
        return count
    }

    /// Every stage's fixes added up by kind, as pairs with distinct kinds in no set order
    /// (no dictionary: a document has few kinds).
    public var fixPairs: [(key: String, value: Int)] {
        var pairs: [(key: String, value: Int)] = []
        for i in reports.indices where !reports[i].fixes.isEmpty {
            for (kind, count) in reports[i].fixes { DocumentState.tally(&pairs, kind, count) }
        }
        return pairs
    }

    /// The lines the stages removed counted by reason, as pairs with distinct reasons in no set order.
    public var removedReasonPairs: [(key: String, value: Int)] {
        var pairs: [(key: String, value: Int)] = []
        for i in reports.indices where !reports[i].removedLines.isEmpty {
            reports[i].removedLines.forEachReasonRun { reason, lines in DocumentState.tally(&pairs, reason, lines) }
        }
        return pairs
    }

    /// Adds `count` to the pair of `key`, appending it when there is none.
    private static func tally(_ pairs: inout [(key: String, value: Int)], _ key: String, _ count: Int) {
        for j in pairs.indices where pairs[j].key == key {
            pairs[j].value += count
            return
        }
        if pairs.isEmpty { pairs.reserveCapacity(8) }
        pairs.append((key, count))
    }

    /// Applies a report: records it and, when it drops the document, marks the decision.
    /// (Consuming: the report is moved into `reports`, not copied.)
    public mutating func record(_ report: consuming StageReport) {
        if let reason = report.dropReason, status == .kept {
            status = .dropped
            decidingStage = report.stage.rawValue
            self.reason = reason.rawValue
        }
        reports.append(report)
    }

    /// Marks a processing error in `stage`.
    public mutating func fail(stage: StageName, reason: String) {
        status = .error
        decidingStage = stage.rawValue
        self.reason = reason
    }
}
