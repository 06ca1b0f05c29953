/// Why a document could not be read: a stable code to count it by (`errors_by_reason` of
/// summary.json) and the full message, positions included, for the manifest and rejected.jsonl.
public struct ReadError: CustomStringConvertible, Sendable {
    /// A snake_case code without positions or values: `unreadable`, `empty`, `binary`,
    /// `invalid_utf8`, `malformed_json`, `malformed_record`, `duplicate_key`, `missing_text`,
    /// `text_not_string`, `annotation_not_object`, `not_regular_file`, `too_large`, `path_too_long` or
    /// `invalid_utf8_name`.
    public let code: String
    /// What went wrong, with where (e.g. `malformed JSON: expected ':' at byte 12`).
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Bytes of a document over `input.max_document_bytes` kept in rejected.jsonl.
    static let keptBytes = 64 * 1024

    /// A document of `size` bytes, over `limit` (`input.max_document_bytes`), of which the
    /// first `kept` bytes are kept.
    static func tooLarge(size: Int, limit: Int, kept: Int) -> ReadError {
        ReadError(code: "too_large", message: "larger than max_document_bytes (\(size) > \(limit) bytes); the first \(kept) bytes are kept")
    }
}
