import CorpusCleanCore
/// How much the boilerplate stage may remove.
public enum BoilerplateMode: String, OptionChoice {
    case normal
    /// Never drops a line of 20 or more words.
    case conservative
}
