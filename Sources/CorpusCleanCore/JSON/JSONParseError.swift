/// Why a JSON text could not be parsed, with the byte offset where it went wrong.
public struct JSONParseError: Error, CustomStringConvertible, Sendable {
    public let offset: Int
    public let message: String

    public var description: String { "\(message) at byte \(offset)" }
}
