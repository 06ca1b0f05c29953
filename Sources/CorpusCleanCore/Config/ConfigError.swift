/// A configuration that cannot be used: names the file, the key path and the reason.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public let file: String
    /// Dotted key path, e.g. `dedup.threshold` or `stages[2]`.
    public let keyPath: String
    public let message: String

    public init(file: String, keyPath: String, message: String) {
        self.file = file
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        keyPath.isEmpty ? "\(file): \(message)" : "\(file): \(keyPath): \(message)"
    }
}
