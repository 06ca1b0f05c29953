/// The kept document that a dropped duplicate matched.
public struct DuplicateMatch: Sendable, Equatable {
    /// Id of the kept document of the cluster.
    public let duplicateOf: String
    /// Estimated (or exact) Jaccard similarity of the shingle sets; 1 for exact copies.
    public let similarity: Double
    /// True when the texts hash the same.
    public let exact: Bool

    public init(duplicateOf: String, similarity: Double, exact: Bool) {
        self.duplicateOf = duplicateOf
        self.similarity = similarity
        self.exact = exact
    }
}
