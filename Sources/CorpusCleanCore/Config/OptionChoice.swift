/// The type of an option whose value is one of a few names: a `String` enum whose raw values
/// are the names `pipeline.json` takes, in the order `corpusclean stages` lists them.
public protocol OptionChoice: RawRepresentable, CaseIterable, Sendable where RawValue == String {}
