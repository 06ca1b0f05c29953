/// Corpus-wide statistics a document stage needs before the main pass starts: in how many
/// documents each key (e.g. a normalized line hash) occurs. The runner drives it over one
/// extra read of the input: `keys(ofUTF8:newlinesEscaped:appendingTo:)` concurrently on the worker pool, `count(_:)`
/// sequentially in input order, then `finish()`. Counts are sums, so the result does not depend on the
/// worker count or the batch size.
public protocol CorpusPrepass: AnyObject, Sendable {
    /// The distinct keys of one document's text. Pure; called concurrently.
    func keys(of text: String) -> [UInt64]
    /// `keys(of:)` of a text given as its UTF-8 bytes (well-formed), appended to `keys`: what the
    /// runner calls, so that no string is made of a text read only to be keyed and the keys of a
    /// batch of documents share one array. With `newlinesEscaped`, the bytes are a JSON string's
    /// as they are when its only escapes are `\n` (each backslash starts one). The default
    /// unescapes them and makes the string.
    func keys(ofUTF8 text: UnsafeBufferPointer<UInt8>, newlinesEscaped: Bool, appendingTo keys: inout [UInt64])
    /// Adds the keys of one document, or of several one after another (counts are sums).
    /// Called sequentially, before any `process` of the main pass.
    func count(_ keys: [UInt64])
    /// Called once after the last `count`, before the main pass; throws when the counts could
    /// not be kept whole (a temporary file that could not be written).
    func finish() throws(InputError)
}

extension CorpusPrepass {
    public func keys(ofUTF8 text: UnsafeBufferPointer<UInt8>, newlinesEscaped: Bool, appendingTo keys: inout [UInt64]) {
        if newlinesEscaped {
            JSONStringBytes.unescapingNewlines(text).withUnsafeBufferPointer {
                self.keys(ofUTF8: $0, newlinesEscaped: false, appendingTo: &keys)
            }
        } else {
            keys.append(contentsOf: self.keys(of: String(decoding: text, as: UTF8.self)))
        }
    }
}
