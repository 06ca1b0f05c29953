/// One counter of a run's totals, declared once with its key: checkpoints write and restore
/// the counters, and a distributed run adds up its parts' counters, all from the lists of
/// `RunSummary.fields` and `StageStatistics.fields`. (summary.json lays them out for readers
/// under names of its own: `RunSummary.json()`.)
package enum SummaryField<Owner>: Sendable {
    case count(String, WritableKeyPath<Owner, Int> & Sendable)
    case counts(String, WritableKeyPath<Owner, [String: Int]> & Sendable)
    case seconds(String, WritableKeyPath<Owner, Double> & Sendable)

    /// Writes the counter of `owner` as one member of a checkpoint object.
    func write(_ owner: Owner, to w: inout JSONWriter) {
        switch self {
        case let .count(key, path): w.key(key); w.int(owner[keyPath: path])
        case let .counts(key, path): w.key(key); w.counts(owner[keyPath: path])
        case let .seconds(key, path): w.key(key); w.double(owner[keyPath: path], decimals: 6)
        }
    }

    /// Sets the counter of `owner` from a checkpoint object (absent: zero).
    func read(_ object: JSONValue, into owner: inout Owner) {
        func int(_ v: JSONValue?) -> Int { v?.doubleValue.map { Int($0) } ?? 0 }
        switch self {
        case let .count(key, path): owner[keyPath: path] = int(object[key])
        case let .counts(key, path):
            guard case let .object(members)? = object[key] else { owner[keyPath: path] = [:]; return }
            owner[keyPath: path] = Dictionary(uniqueKeysWithValues: members.map { ($0.key, int($0.value)) })
        case let .seconds(key, path): owner[keyPath: path] = object[key]?.doubleValue ?? 0
        }
    }

    /// Adds `other`'s counter to `owner`'s.
    func add(_ other: Owner, to owner: inout Owner) {
        switch self {
        case let .count(_, path): owner[keyPath: path] += other[keyPath: path]
        case let .counts(_, path): owner[keyPath: path].merge(other[keyPath: path], uniquingKeysWith: +)
        case let .seconds(_, path): owner[keyPath: path] += other[keyPath: path]
        }
    }
}
