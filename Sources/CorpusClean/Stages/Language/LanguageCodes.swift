/// Maps CLD2's codes to ISO 639-1 (639-3 where there is none).
enum LanguageCodes {
    private static let renamed: [String: String] = [
        "iw": "he", "jw": "jv", "in": "id", "ji": "yi", "zh-Hant": "zh", "sr-ME": "sr", "mo": "ro",
        "tl": "tl", "fil": "tl", "haw": "haw", "un": "und", "xx": "und", "no": "nb", "sr-Latn": "sr",
    ]

    static func iso(_ cld2Code: String) -> String {
        if let mapped = renamed[cld2Code] { return mapped }
        // Extended script codes such as "xx-Qaai" carry no language.
        if cld2Code.hasPrefix("xx") { return "und" }
        return cld2Code
    }
}
