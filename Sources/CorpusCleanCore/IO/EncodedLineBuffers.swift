/// Where a worker builds the output lines of a chunk's documents, one after the other per file
/// (see `EncodedLines`, what `lines()` makes of them).
package struct EncodedLineBuffers: ~Copyable {
    package var manifest: JSONLineBuffer
    package var documents: JSONLineBuffer
    package var rejected: JSONLineBuffer

    /// Buffers with room for `documents` documents of a few kilobytes before they grow (their
    /// records only when the run `writesRecords`).
    package init(documents count: Int = 1, writesRecords: Bool = true) {
        manifest = JSONLineBuffer(capacity: 768 * count)
        documents = JSONLineBuffer(capacity: writesRecords ? 4096 * count : 0)
        rejected = JSONLineBuffer(capacity: 256)
    }

    /// The lines built, as arrays: the buffers' own storage, not copies.
    package consuming func lines() -> EncodedLines {
        EncodedLines(manifest: manifest.array(), documents: documents.array(), rejected: rejected.array())
    }
}
