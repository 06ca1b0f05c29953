/// What became of a document.
public enum DocumentStatus: String, Sendable {
    /// Passed every stage; written to the cleaned output.
    case kept
    /// A stage decided to drop it; written whole to rejected.jsonl.
    case dropped
    /// It could not be read or processed; recorded in the manifest and rejected.jsonl.
    case error
}
