/// What `JSONParser.scanRecord` tells of a JSON object without building its values: whether
/// a key repeats, and the members the record rules of `JSONLRecordParser` read besides.
struct JSONRecordScan {
    /// Whether a key is given twice (`JSONLRecordParser.duplicateKey`).
    var repeatsKey = false
    /// Whether a member is named the text field.
    var hasText = false
    /// The bytes of the first member named the text field when its value is a string (the
    /// scanned buffer's own, or unescaped in the scan's text scratch: valid while both are).
    var text: UnsafeBufferPointer<UInt8>?
    /// Whether `text` is the string's bytes as the buffer holds them, each newline still the
    /// escape `\n` (its only escapes): when the scan was asked to keep them.
    var textNewlinesEscaped = false
    /// Whether the first member named the annotation field holds an object; nil when none is.
    var annotationIsObject: Bool?
}
