import CorpusCleanCore
/// Maps CLD2's codes to ISO 639-1 (639-3 where there is none).
enum LanguageCodes {
    private static let renamed: [String: String] = [
        "iw": "he", "jw": "jv", "in": "id", "ji": "yi", "zh-Hant": "zh", "sr-ME": "sr", "mo": "ro",
        "tl": "tl", "fil": "tl", "haw": "haw", "un": "und", "xx": "und", "no": "nb", "sr-Latn": "sr",
    ]

    /// The two-letter codes that `renamed` maps, as their two bytes, and what they map to.
    private static let renamedPairs: [(bytes: UInt16, iso: String)] = renamed.filter { $0.key.utf8.count == 2 }
        .map { (twoBytes($0.key.utf8), $0.value) }

    /// The two bytes of a two-byte `utf8`, the first in the high byte.
    @inline(__always)
    static func twoBytes(_ utf8: String.UTF8View) -> UInt16 {
        UInt16(utf8.first!) << 8 | UInt16(utf8[utf8.index(after: utf8.startIndex)])
    }

    /// `iso` of the code of each CLD2 Language number (`CLD2.codes`).
    private static let isoOfCLD2: [String] = CLD2.codes.map(iso)

    /// `iso` of `code`, CLD2's code of its Language number `language`: from the table when the
    /// number is in it.
    @inline(__always)
    static func iso(_ code: String, cld2 language: Int) -> String {
        isoOfCLD2.indices.contains(language) ? isoOfCLD2[language] : iso(code)
    }

    static func iso(_ cld2Code: String) -> String {
        // Most codes are two letters: compared as two bytes, with no hashing or string compare.
        if cld2Code.utf8.count == 2 {
            let bytes = twoBytes(cld2Code.utf8)
            return renamedPairs.first { $0.bytes == bytes }?.iso ?? cld2Code
        }
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
