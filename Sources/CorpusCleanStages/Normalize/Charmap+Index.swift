import CorpusCleanCore

extension Charmap {
    /// The position of `map` in `all` (the bit of its code page in `roles`).
    static func index(of map: Charmap) -> Int {
        all.firstIndex { $0.high == map.high }!
    }
}
