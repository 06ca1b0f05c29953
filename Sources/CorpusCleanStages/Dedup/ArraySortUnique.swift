import CorpusCleanCore
import CTextKit

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

extension Array where Element == UInt64 {
    /// Sorts in place and removes repeated elements, in C (a bucket pass on the top bits, for
    /// hashes): several times faster than the standard library's sort on the thousands of
    /// shingles of a document.
    mutating func sortUniqueHashes() {
        let unique = withUnsafeMutableBufferPointer { ctk_sort_unique_u64($0.baseAddress, $0.count) }
        removeLast(count - unique)
    }
}
