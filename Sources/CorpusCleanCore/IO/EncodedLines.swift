/// The output lines of a run of documents (a streaming chunk's, or one document's), one after
/// the other per file: `EncodedOutput` says where each document's lines are. A chunk's lines
/// are three arrays, not arrays of each document's that another thread frees one by one.
package struct EncodedLines: Sendable {
    /// The manifest lines.
    package var manifest: [UInt8] = []
    /// The cleaned JSONL records.
    package var documents: [UInt8] = []
    /// The rejected.jsonl lines.
    package var rejected: [UInt8] = []

    package init() {}

    package init(manifest: [UInt8], documents: [UInt8], rejected: [UInt8]) {
        self.manifest = manifest
        self.documents = documents
        self.rejected = rejected
    }
}
