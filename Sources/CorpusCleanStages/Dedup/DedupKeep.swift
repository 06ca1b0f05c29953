import CorpusCleanCore
/// Which document of a duplicate cluster the dedup stage keeps.
public enum DedupKeep: String, OptionChoice {
    /// The first in input order.
    case first
    /// The longest; decided after the whole input, which holds every document until then.
    case longest
}
