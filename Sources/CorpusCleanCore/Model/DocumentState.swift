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
    /// What each corpus stage's concurrent half left for its sequential half, one slot per
    /// stage: the first stage's inline (a run has one corpus stage, dedup), the others' after it.
    /// The first's is an object (a class instance, given back without a dynamic cast) or a value,
    /// in fields of their own: copying an optional tuple of them took the runtime's generic copy.
    private var preparedStage: StageName?
    private var preparedObject: (any AnyObject & Sendable)?
    private var preparedValue: (any Sendable)?
    private var preparedMore: [(stage: StageName, value: any Sendable)] = []

    public init(document: Document) {
        self.init(document: document, reportCapacity: 0)
    }

    /// A state with room for `reportCapacity` reports before its array grows.
    package init(document: Document, reportCapacity: Int) {
        self.document = document
        self.text = document.text
        if let error = document.readError {
            status = .error
            decidingStage = "read"
            reason = error.message
        } else {
            status = .kept
        }
        if reportCapacity > 0 { reports.reserveCapacity(reportCapacity) }
    }

    /// Leaves `value` for `stage`'s sequential half, replacing what it left before (nil clears it).
    public mutating func setPrepared(_ value: (any Sendable)?, for stage: StageName) {
        clearPrepared(for: stage)
        guard let value else { return }
        if preparedStage == nil {
            preparedStage = stage
            preparedValue = value
        } else {
            preparedMore.append((stage, value))
        }
    }

    /// Leaves the object `value` for `stage`'s sequential half, replacing what it left before:
    /// `prepared` gives it back without a dynamic cast when asked for its own class.
    public mutating func setPrepared<T: AnyObject & Sendable>(_ value: T, for stage: StageName) {
        clearPrepared(for: stage)
        if preparedStage == nil {
            preparedStage = stage
            preparedObject = value
        } else {
            preparedMore.append((stage, value))
        }
    }

    private mutating func clearPrepared(for stage: StageName) {
        if preparedStage == stage {
            preparedStage = nil
            preparedObject = nil
            preparedValue = nil
        }
        if !preparedMore.isEmpty { preparedMore.removeAll { $0.stage == stage } }
    }

    /// What `stage` left with `setPrepared`, when it is a `T`.
    public func prepared<T: Sendable>(_ type: T.Type, by stage: StageName) -> T? {
        castPrepared(T.self, by: stage)
    }

    /// What `stage` left with `setPrepared`, when it is a `T`: an object of exactly that class
    /// (not a subclass) is returned without a dynamic cast.
    public func prepared<T: AnyObject & Sendable>(_ type: T.Type, by stage: StageName) -> T? {
        if preparedStage == stage, let object = preparedObject,
           ObjectIdentifier(Swift.type(of: object)) == ObjectIdentifier(T.self) {
            return unsafeDowncast(object, to: T.self)
        }
        return castPrepared(T.self, by: stage)
    }

    private func castPrepared<T: Sendable>(_ type: T.Type, by stage: StageName) -> T? {
        if preparedStage == stage {
            if let object = preparedObject { return object as? T }
            return preparedValue.flatMap { $0 as? T }
        }
        return preparedMore.first { $0.stage == stage }?.value as? T
    }


    /// True while later stages should still run.
    public var isActive: Bool { status == .kept }

    /// The language result of the latest language stage, if any ran.
    public var language: LanguageResult? {
        // By index, so that only the result is copied, not the report.
        for i in reports.indices.reversed() where reports[i].language != nil { return reports[i].language }
        return nil
    }

    /// The code of `language`, without copying the rest of the result.
    public var languageCode: String? {
        for i in reports.indices.reversed() {
            if let code = reports[i].language?.code { return code }
        }
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

    /// Calls `body` with every stage's fixes added up by kind, as pairs with distinct kinds in
    /// no set order, in temporary storage (no array to allocate).
    package func withFixPairs<R>(_ body: (UnsafeMutableBufferPointer<(key: String, value: Int)>) -> R) -> R {
        var kinds = 0
        for i in reports.indices { kinds += reports[i].fixes.count }
        // The closures get the reports as an argument: one that captured `self` would copy the state.
        return DocumentState.withTally(reports, capacity: kinds, { reports, add in
            for i in reports.indices where !reports[i].fixes.isEmpty {
                for (kind, count) in reports[i].fixes { add(kind, count) }
            }
        }, body)
    }

    /// Calls `body` with the lines the stages removed counted by reason, as pairs with distinct
    /// reasons in no set order, in temporary storage (no array to allocate).
    package func withRemovedReasonPairs<R>(_ body: (UnsafeMutableBufferPointer<(key: String, value: Int)>) -> R) -> R {
        DocumentState.withTally(reports, capacity: removedLineCount, { reports, add in
            for i in reports.indices where !reports[i].removedLines.isEmpty {
                reports[i].removedLines.forEachReasonRun(add)
            }
        }, body)
    }

    /// Calls `body` with the pairs that `fill` adds up by key from `reports` (at most
    /// `capacity` distinct keys), kept in temporary storage, on the stack when it fits.
    private static func withTally<R>(_ reports: [StageReport], capacity: Int,
                                     _ fill: ([StageReport], _ add: (String, Int) -> Void) -> Void,
                                     _ body: (UnsafeMutableBufferPointer<(key: String, value: Int)>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: (key: String, value: Int).self, capacity: max(capacity, 1)) { storage in
            let base = storage.baseAddress!
            var count = 0
            fill(reports) { key, value in
                for j in 0..<count where base[j].key == key {
                    base[j].value += value
                    return
                }
                (base + count).initialize(to: (key, value))
                count += 1
            }
            defer { base.deinitialize(count: count) }
            return body(UnsafeMutableBufferPointer(start: base, count: count))
        }
    }

    /// Applies a report: records it and, when it drops the document, marks the decision.
    /// (Consuming: the report is moved into `reports`, not copied.)
    public mutating func record(_ report: consuming StageReport) {
        if status == .kept, let reason = report.dropReason {
            status = .dropped
            decidingStage = report.stage.rawValue
            self.reason = reason.rawValue
        }
        // `consume`: without it the report is copied into the array (a retain per field).
        reports.append(consume report)
    }

    /// Marks a processing error in `stage`.
    public mutating func fail(stage: StageName, reason: String) {
        status = .error
        decidingStage = stage.rawValue
        self.reason = reason
    }
}
