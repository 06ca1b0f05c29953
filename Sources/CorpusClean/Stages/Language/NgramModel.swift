import Foundation

/// A naive-Bayes model over character 1–4-grams of words (padded with a space at each end) and whole words,
/// trained on gettext translations of Debian packages (see scripts/language-model/): the
/// second opinion on short text, where CLD2 has too little to go on.
public struct NgramModel: Sendable {
    /// ISO 639-1 codes of the modelled languages.
    public let languages: [String]
    /// Cost of an n-gram a language never had, in tenths of a natural log.
    let floors: [Int32]
    /// N-gram hash to the range of its entries in `entryLanguage` and `entryCost`.
    let index: [UInt64: Range<Int32>]
    let entryLanguage: [UInt8]
    let entryCost: [Int32]
    /// Gettext domains of the training catalogs, which an evaluation must leave out.
    public let trainingDomains: Set<String>

    /// The model shipped with the package, or nil when its resource is missing.
    public static let shipped: NgramModel? = {
        guard let url = Bundle.module.url(forResource: "ngrams", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return NgramModel(tsv: text)
    }()

    /// Parses the generator's format: `# domains: ...` names the training catalogs, `#code<TAB>floor<TAB>total` starts a language, then
    /// `ngram<TAB>cost` lines.
    public init(tsv: String) {
        var languages: [String] = [], floors: [Int32] = []
        var entries: [UInt64: [(UInt8, Int32)]] = [:]
        var domains: Set<String> = []
        for line in tsv.split(separator: "\n") {
            if line.hasPrefix("# domains: ") {
                domains = Set(line.dropFirst(11).split(separator: " ").map(String.init))
            }
            if line.hasPrefix("# ") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let cost = Int32(fields[1]) else { continue }
            if fields[0].hasPrefix("#") {
                languages.append(String(fields[0].dropFirst()))
                floors.append(cost)
            } else if !languages.isEmpty {
                entries[Self.hash(fields[0].unicodeScalars), default: []].append((UInt8(languages.count - 1), cost))
            }
        }
        var index: [UInt64: Range<Int32>] = [:]
        var entryLanguage: [UInt8] = [], entryCost: [Int32] = []
        for (key, list) in entries {
            let start = Int32(entryLanguage.count)
            for (language, cost) in list {
                entryLanguage.append(language)
                entryCost.append(cost)
            }
            index[key] = start..<Int32(entryLanguage.count)
        }
        self.languages = languages
        self.floors = floors
        self.index = index
        self.entryLanguage = entryLanguage
        self.entryCost = entryCost
        trainingDomains = domains
    }

    /// Mean cost per n-gram of `text` for each language (lower is likelier), and the
    /// number of n-grams; nil when the text has no letters.
    public func costs(_ text: String) -> (costs: [Double], ngrams: Int)? {
        var total = [Int32](repeating: 0, count: languages.count)
        var count = 0
        var word: [Unicode.Scalar] = [" "]
        func add(_ gram: ArraySlice<Unicode.Scalar>) {
            count += 1
            guard let range = index[Self.hash(gram)] else { return }
            for e in range {
                let language = Int(entryLanguage[Int(e)])
                total[language] += entryCost[Int(e)] - floors[language]
            }
        }
        func flush() {
            guard word.count > 1 else { return }
            word.append(" ")
            if word.count > 4 { add(word[...]) }
            for n in 1...4 where word.count >= n {
                for start in 0...(word.count - n) {
                    if n == 1, word[start] == " " { continue }
                    add(word[start..<(start + n)])
                }
            }
            word.removeSubrange(1...)
        }
        for scalar in text.lowercased().unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark:
                word.append(scalar)
            default:
                flush()
            }
        }
        flush()
        guard count > 0 else { return nil }
        let costs = (0..<languages.count).map { Double(total[$0]) / Double(count) + Double(floors[$0]) }
        return (costs, count)
    }

    /// FNV-1a over the scalar values, the same on both sides of the model file.
    static func hash<S: Sequence>(_ scalars: S) -> UInt64 where S.Element == Unicode.Scalar {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for s in scalars {
            h = (h ^ UInt64(s.value)) &* 0x100_0000_01b3
        }
        return h
    }
}
