import CorpusCleanCore
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

    /// Share of the weighted letters that CJK letters must hold to decide the language.
    static let cjkShare = 0.4
    /// Han characters from which a text without kana is Chinese: a word or two of Han may be Japanese.
    static let hanSentence = 8

    /// The dominant script of letter counts as ISO 15924 ("Jpan" for Han with kana), and its share.
    static func dominant(_ counts: [Int32: Int]) -> (script: String, share: Double)? {
        dominant(ScriptLetters(counts: counts))
    }

    /// The dominant script of `letters` as ISO 15924 ("Jpan" for Han with kana), and its share.
    static func dominant(_ letters: ScriptLetters) -> (script: String, share: Double)? {
        guard letters.total > 0 else { return nil }
        // With kana, Han and kana count as one script, "Jpan", met after the others.
        let kana = letters.kana
        var best: (name: String, count: Int)?
        letters.forEachRow { name, count in
            if kana > 0, name == "Hira" || name == "Kana" || name == "Hani" || name == "Jpan" { return }
            if let top = best, top.count > count || (top.count == count && top.name < name) { return }
            best = (name, count)
        }
        if kana > 0 {
            let japanese = (name: "Jpan", count: kana + letters.han)
            if best.map({ $0.count < japanese.count || ($0.count == japanese.count && $0.name > japanese.name) }) ?? true {
                best = japanese
            }
        }
        return best.map { ($0.name, Double($0.count) / Double(letters.total)) }
    }

    /// The languages CJK letters decide when they hold a meaningful share of the text, even
    /// among more Latin letters (a Japanese sentence naming three products): kana `ja`, Hangul
    /// `ko`, Han without kana `zh` (`zh` or `ja` for a word or two). nil when they hold too
    /// little (an English text quoting a Japanese word).
    static func cjk(_ counts: [Int32: Int]) -> (languages: [String], share: Double)? {
        cjk(ScriptLetters(counts: counts))
    }

    /// `cjk(_:)` of letters already counted.
    static func cjk(_ letters: ScriptLetters) -> (languages: [String], share: Double)? {
        let kana = letters.kana, han = letters.han, hangul = letters.hangul
        let share = Double(kana + han + hangul) / Double(max(1, letters.total))
        guard share >= cjkShare else { return nil }
        if hangul >= kana + han { return (["ko"], share) }
        // A Chinese text may name a Japanese brand in katakana; Japanese writes kana in every sentence.
        if kana > 0, kana * 20 >= han { return (["ja"], share) }
        return (han >= 3 * hanSentence ? ["zh"] : ["zh", "ja"], share)
    }
}
