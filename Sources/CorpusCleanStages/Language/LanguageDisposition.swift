import CorpusCleanCore
/// What the language stage does with a document of a kind (unknown language, mixed).
public enum LanguageDisposition: String, OptionChoice {
    case keep
    case drop
}
