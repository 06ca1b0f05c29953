/// Encodes every output line of one document, as the writer's layout asks: a value that any
/// thread can use, so that workers encode while the writer only appends bytes.
package struct OutputLineEncoder: Sendable {
    /// The manifest, record and rejected lines' encoder.
    package let records: RecordEncoder
    /// The Dolma attribute lines' encoder, when the run writes them.
    package let attributes: DolmaAttributeEncoder?
    /// Whether kept documents are written as JSONL records (every layout but one file per document).
    package let writesRecords: Bool

    /// An encoder of those lines; `writesRecords` is false when kept documents go to files.
    package init(records: RecordEncoder, attributes: DolmaAttributeEncoder?, writesRecords: Bool) {
        self.records = records
        self.attributes = attributes
        self.writesRecords = writesRecords
    }

    /// The lines of `state` as it stands, in lines of their own.
    package func encode(_ state: DocumentState) -> (output: EncodedOutput, lines: EncodedLines) {
        var buffers = EncodedLineBuffers()
        let output = encode(state, into: &buffers)
        return (output, buffers.lines())
    }

    /// The lines of `state` as it stands, appended to `buffers` (a chunk's, after the lines of
    /// the documents before it).
    package func encode(_ state: DocumentState, into buffers: inout EncodedLineBuffers) -> EncodedOutput {
        let kept = state.status == .kept
        let manifest = buffers.manifest.appending { records.appendManifestLine(state, to: &$0) }
        let document = kept && writesRecords ? buffers.documents.appending { records.appendDocumentLine(state, to: &$0) } : nil
        let rejected = kept ? nil : buffers.rejected.appending { records.appendRejectedLine(state, to: &$0) }
        // Not `attributes?.line(state)`: the optional call copied the state first (a retain a field).
        var attribute: [UInt8]?
        if let attributes { attribute = attributes.line(state) }
        return EncodedOutput(of: state, manifest: manifest, document: document, rejected: rejected, attribute: attribute)
    }

    /// Whether `output` holds the lines this encoder writes: a record line for a kept document
    /// when it writes records, an attribute line when it writes attributes.
    package func made(_ output: EncodedOutput) -> Bool {
        (output.rejected != nil || (output.document != nil) == writesRecords) && (output.attribute != nil) == (attributes != nil)
    }
}
