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

    /// The lines of `state` as it stands.
    package func encode(_ state: DocumentState) -> EncodedOutput {
        var buffer = JSONLineBuffer(capacity: 4096)
        return encode(state, buffer: &buffer)
    }

    /// The lines of `state` as it stands, each built in `buffer` (a worker's, used again
    /// document after document) and copied out.
    package func encode(_ state: DocumentState, buffer: inout JSONLineBuffer) -> EncodedOutput {
        let kept = state.status == .kept
        return EncodedOutput(of: state, manifest: records.manifestLine(state, in: &buffer),
                             document: kept && writesRecords ? records.documentLine(state, in: &buffer) : nil,
                             rejected: kept ? nil : records.rejectedLine(state, in: &buffer),
                             attribute: attributes?.line(state))
    }

    /// Whether `output` holds the lines this encoder writes: a record line for a kept document
    /// when it writes records, an attribute line when it writes attributes.
    package func made(_ output: EncodedOutput) -> Bool {
        (output.rejected != nil || (output.document != nil) == writesRecords) && (output.attribute != nil) == (attributes != nil)
    }
}
