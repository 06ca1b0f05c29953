/// In how many documents of the corpus each normalized line occurs (the CCNet idea: a line
/// that many pages share is page chrome). Filled by the runner's pre-pass, read by the stage.
///
/// Thread safety: `count(_:)` runs sequentially before the main pass starts and `documents(_:)`
/// only during the main pass, whose dispatch orders it after every write; hence `@unchecked`.
public final class CorpusLineCounts: CorpusPrepass, @unchecked Sendable {
    private var counts: [UInt64: Int32] = [:]

    public init() {}

    public func keys(of text: String) -> [UInt64] {
        var text = text
        let lines = text.withUTF8 { LineScanner($0).lines }
        var seen = Set<UInt64>()
        return lines.compactMap { $0.key != 0 && seen.insert($0.key).inserted ? $0.key : nil }
    }

    public func count(_ keys: [UInt64]) {
        for key in keys { counts[key, default: 0] += 1 }
    }

    /// Documents holding a line with this key.
    func documents(_ key: UInt64) -> Int { Int(counts[key] ?? 0) }
}
