extension Array where Element: Comparable {
    /// Sorts in place and removes repeated elements.
    mutating func sortUnique() {
        sort()
        var unique = 0
        for i in indices where unique == 0 || self[unique - 1] != self[i] {
            self[unique] = self[i]
            unique += 1
        }
        removeLast(count - unique)
    }
}
