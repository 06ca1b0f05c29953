/// Corpus-wide statistics a document stage needs before the main pass starts: in how many
/// documents each key (e.g. a normalized line hash) occurs. The runner drives it over one
/// extra read of the input: `keys(of:)` concurrently on the worker pool, `count(_:)`
/// sequentially in input order, then `finish()`. Counts are sums, so the result does not depend on the
/// worker count or the batch size.
public protocol CorpusPrepass: AnyObject, Sendable {
    /// The distinct keys of one document's text. Pure; called concurrently.
    func keys(of text: String) -> [UInt64]
    /// `keys(of:)` of a text given as its UTF-8 bytes (well-formed), appended to `keys`: what the
    /// runner calls, so that no string is made of a text read only to be keyed and the keys of a
    /// batch of documents share one array. The default makes the string.
    func keys(ofUTF8 text: UnsafeBufferPointer<UInt8>, appendingTo keys: inout [UInt64])
    /// `keys(ofUTF8:appendingTo:)` of the text a JSON string's bytes stand for, given as they
    /// are when its only escapes are `\n` (each backslash starts one). The default unescapes.
    func keys(ofNewlineEscaped text: UnsafeBufferPointer<UInt8>, appendingTo keys: inout [UInt64])
    /// Adds the keys of one document, or of several one after another (counts are sums).
    /// Called sequentially, before any `process` of the main pass.
    func count(_ keys: [UInt64])
    /// Called once after the last `count`, before the main pass; throws when the counts could
    /// not be kept whole (a temporary file that could not be written).
    func finish() throws(InputError)
}

extension CorpusPrepass {
    public func keys(ofUTF8 text: UnsafeBufferPointer<UInt8>, appendingTo keys: inout [UInt64]) {
        keys.append(contentsOf: self.keys(of: String(decoding: text, as: UTF8.self)))
    }

    public func keys(ofNewlineEscaped text: UnsafeBufferPointer<UInt8>, appendingTo keys: inout [UInt64]) {
        JSONStringBytes.unescapingNewlines(text).withUnsafeBufferPointer { self.keys(ofUTF8: $0, appendingTo: &keys) }
    }
}
