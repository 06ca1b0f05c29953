import CorpusCleanCore
/// Maps CLD2's codes to ISO 639-1 (639-3 where there is none).
enum LanguageCodes {
    private static let renamed: [String: String] = [
        "iw": "he", "jw": "jv", "in": "id", "ji": "yi", "zh-Hant": "zh", "sr-ME": "sr", "mo": "ro",
        "tl": "tl", "fil": "tl", "haw": "haw", "un": "und", "xx": "und", "no": "nb", "sr-Latn": "sr",
    ]

    /// The two-letter codes that `renamed` maps.
    private static let renamedPairs: [String] = renamed.keys.filter { $0.utf8.count == 2 }.sorted()

    static func iso(_ cld2Code: String) -> String {
        // Most codes are two letters outside the table: no hashing for them.
        if cld2Code.utf8.count == 2, !renamedPairs.contains(cld2Code) { return cld2Code }
        if let mapped = renamed[cld2Code] { return mapped }
        // Extended script codes such as "xx-Qaai" carry no language.
        if cld2Code.hasPrefix("xx") { return "und" }
        return cld2Code
    }

    /// Every code the language stage can answer: those of the languages CLD2 recognizes, of
    /// the n-gram model and of the script prior, mapped by `iso` and kept when they are 2–3
    /// lower-case letters (`und` among them).
    static let answerable: Set<String> = {
        let cld2 = CLD2.recognizedCodes
        let model = NgramModel.shipped?.languages ?? []
        let prior = ScriptPrior.languages.values.flatMap { $0 } + ScriptPrior.fallback.values
        return Set((cld2 + model + prior).map(iso) + ["und"]).filter(isPlainCode)
    }()

    /// Whether `code` is 2–3 lower-case ASCII letters.
    private static func isPlainCode(_ code: String) -> Bool {
        (2...3).contains(code.utf8.count) && code.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
    }

    /// The code the stage answers for a language named `text` in English ("english",
    /// "German") or given by another code of it ("iw", "EN", "en-US"), when CLD2 knows it.
    static func suggestion(for text: String) -> String? {
        let named = CLD2.code(named: text.uppercased()) ?? CLD2.code(named: text.lowercased()) ?? CLD2.code(named: text)
        guard let code = named.map(iso), answerable.contains(code) else { return nil }
        return code
    }
}
