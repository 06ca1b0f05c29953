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
}
