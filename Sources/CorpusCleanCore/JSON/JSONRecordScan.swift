/// What `JSONParser.scanRecord` tells of a JSON object without building its values: whether
/// a key repeats, and the members the record rules of `JSONLRecordParser` read besides.
struct JSONRecordScan {
    /// Whether a key is given twice (`duplicateKey`).
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

    /// The first of `keys` that is given a second time, if any.
    static func duplicateKey(_ keys: some Collection<String>) -> String? {
        // A record's few keys are compared pair by pair, without hashing or a set to allocate.
        if keys.count <= 16 {
            var i = keys.startIndex
            while i != keys.endIndex {
                if keys[keys.startIndex..<i].contains(keys[i]) { return keys[i] }
                keys.formIndex(after: &i)
            }
            return nil
        }
        var seen = Set<String>(minimumCapacity: keys.count)
        return keys.first { !seen.insert($0).inserted }
    }
}
