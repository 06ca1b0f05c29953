/// Where a run is, for a progress display: documents done and input bytes read, each with
/// its total when that is known.
public struct RunProgress: Sendable, Equatable {
    /// Documents done, those an interrupted run did before `--resume` included.
    public var documents: Int
    /// Documents the run will do, when known (a text folder; `--limit`).
    public var expectedDocuments: Int?
    /// Bytes of the input read (compressed bytes for compressed input; after `--resume`,
    /// the bytes of the documents skipped included).
    public var bytesRead: Int
    /// The input's size in bytes, when known (a regular file or a text folder, without
    /// `--limit`); nil for a pipe.
    public var totalBytes: Int?

    public init(documents: Int, expectedDocuments: Int? = nil, bytesRead: Int, totalBytes: Int? = nil) {
        self.documents = documents
        self.expectedDocuments = expectedDocuments
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
    }

    /// The share of the run done, 0...1: by bytes when the input's size is known, else by
    /// documents when their number is; nil when neither is.
    public var fraction: Double? {
        if let totalBytes, totalBytes > 0 { return min(1, Double(bytesRead) / Double(totalBytes)) }
        if let expectedDocuments, expectedDocuments > 0 { return min(1, Double(documents) / Double(expectedDocuments)) }
        return nil
    }
}
