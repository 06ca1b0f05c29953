/// The stages corpusclean knows, by their names in `pipeline.json`.
public enum StageName: String, Sendable, CaseIterable, Codable {
    case normalize
    case boilerplate
    case language
    case dedup

    /// The default order: normalize first so every later stage sees clean text, language on
    /// the stripped text, dedup last on the final text.
    public static let defaultOrder: [StageName] = [.normalize, .boilerplate, .language, .dedup]

    /// One-line description for `corpusclean stages`.
    public var summary: String {
        switch self {
        case .normalize: return "Unicode normalization (ICU) and text repair: controls, zero-width, spaces, line ends."
        case .boilerplate: return "Removes page chrome line by line; every removed line has a reason code."
        case .language: return "CLD2 language identification with confidence, top 3 and per-span shares; filters by language."
        case .dedup: return "Exact and near-duplicate removal: MinHash over word shingles with LSH banding, verified pairs, union-find clusters."
        }
    }
}
