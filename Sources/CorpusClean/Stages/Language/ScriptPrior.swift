/// Languages a script admits: a text mostly in Hangul is Korean whatever CLD2 says, a text
/// with kana is Japanese, Thai script is Thai. Scripts shared by many languages (Latin,
/// Cyrillic, Arabic, Devanagari) have no entry here and are left to CLD2.
enum ScriptPrior {
    /// ISO 15924 code to the languages written in it, most likely first.
    static let languages: [String: [String]] = [
        "Hang": ["ko"], "Jpan": ["ja"], "Hani": ["zh", "ja"], "Thai": ["th"], "Grek": ["el"], "Geor": ["ka"],
        "Armn": ["hy"], "Gujr": ["gu"], "Guru": ["pa"], "Taml": ["ta"], "Telu": ["te"], "Knda": ["kn"],
        "Mlym": ["ml"], "Orya": ["or"], "Sinh": ["si"], "Khmr": ["km"], "Laoo": ["lo"], "Mymr": ["my"],
        "Tibt": ["bo", "dz"], "Ethi": ["am", "ti"], "Hebr": ["he", "yi"], "Beng": ["bn", "as"], "Thaa": ["dv"],
        "Cher": ["chr"], "Syrc": ["syr"],
    ]
    /// A best guess when CLD2 has none, for scripts with one dominant language.
    static let fallback: [String: String] = ["Cyrl": "ru", "Arab": "ar", "Deva": "hi"]

    /// The dominant script of letter counts as ISO 15924 ("Jpan" for Han with kana), and its share.
    static func dominant(_ counts: [Int32: Int]) -> (script: String, share: Double)? {
        guard !counts.isEmpty else { return nil }
        var named: [String: Int] = [:]
        var total = 0
        for (code, n) in counts {
            let name = Script.isoCode(code)
            // An ideograph or syllable carries about as much as a three-letter word.
            let weighted = ["Hani", "Hira", "Kana", "Hang"].contains(name) ? 3 * n : n
            named[name, default: 0] += weighted
            total += weighted
        }
        let kana = (named["Hira"] ?? 0) + (named["Kana"] ?? 0)
        if kana > 0 {
            named["Jpan"] = kana + (named["Hani"] ?? 0)
            for key in ["Hira", "Kana", "Hani"] { named[key] = nil }
        }
        guard total > 0 else { return nil }
        let best = named.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!
        return (best.key, Double(best.value) / Double(total))
    }
}
