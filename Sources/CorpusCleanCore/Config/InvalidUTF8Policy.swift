/// What `input.invalid_utf8` says to do with a document's bytes that are not UTF-8.
public enum InvalidUTF8Policy: String, OptionChoice {
    /// The document is an error document.
    case error
    /// Each invalid sequence becomes U+FFFD.
    case replace
    /// ICU charset detection converts it when confident, else `replace`.
    case detect
    /// The web-noise policy: U+FFFD per ill-formed part when any well-formed multi-byte
    /// sequence is there, else Windows-1252.
    case web
}
