import CorpusCleanCore
/// A persistent dedup index that cannot be read or written, or was built with other settings.
public struct DedupIndexError: Error, CustomStringConvertible {
    public let path: String
    public let message: String

    public var description: String { "dedup index \(path): \(message)" }
}
