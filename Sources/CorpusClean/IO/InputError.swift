/// An input that cannot be opened at all.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String
    /// True when the input is in a format corpusclean does not read (Parquet, zip, bzip2...):
    /// found from its first bytes, before any work, and a usage error (exit status 2) in the CLI.
    public let unsupportedFormat: Bool

    public init(path: String, message: String, unsupportedFormat: Bool = false) {
        self.path = path
        self.message = message
        self.unsupportedFormat = unsupportedFormat
    }

    public var description: String { "\(path): \(message)" }
}
