/// Where cleaned documents go.
public enum OutputLayout: Sendable, Equatable {
    /// `docs/<relative path>`, mirroring a text-directory input.
    case files
    /// `documents.jsonl`.
    case jsonl
    /// `docs/<relative path>` of every shard of a sharded input, as JSON Lines.
    case shards
    /// JSON Lines on standard output; the other files still go to the output directory.
    case stdout

    /// The case's name, as checkpoints and the commit marker record it (`"\(layout)"`, without
    /// the reflection that interpolating an enum goes through at every call).
    package var name: String {
        switch self {
        case .files: "files"
        case .jsonl: "jsonl"
        case .shards: "shards"
        case .stdout: "stdout"
        }
    }
}
