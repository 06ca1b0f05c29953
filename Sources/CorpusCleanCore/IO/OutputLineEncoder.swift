/// Encodes every output line of one document, as the writer's layout asks: a value that any
/// thread can use, so that workers encode while the writer only appends bytes.
package struct OutputLineEncoder: Sendable {
    package let records: RecordEncoder
    /// The Dolma attribute lines' encoder, when the run writes them.
    package let attributes: DolmaAttributeEncoder?
    /// Whether kept documents are written as JSONL records (every layout but one file per document).
    package let writesRecords: Bool

    package init(records: RecordEncoder, attributes: DolmaAttributeEncoder?, writesRecords: Bool) {
        self.records = records
        self.attributes = attributes
        self.writesRecords = writesRecords
    }

    /// The lines of `state` as it stands.
    package func encode(_ state: DocumentState) -> EncodedOutput {
        let kept = state.status == .kept
        return EncodedOutput(of: state, manifest: records.manifestLine(state),
                             document: kept && writesRecords ? records.documentLine(state) : nil,
                             rejected: kept ? nil : records.rejectedLine(state),
                             attribute: attributes?.line(state))
    }
}
