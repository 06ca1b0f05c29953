import Testing
@testable import CorpusCleanStages

/// `PrefixSet.match` on lines that start outside ASCII, which its filter of first UTF-8 bytes
/// sees before anything is decoded: every case of a phrase's first letter is found, other
/// scripts are not.
@Suite struct PrefixSetTests {
    private func match(_ set: PrefixSet, _ line: String) -> Int? {
        var line = line
        return line.withUTF8 { set.match($0, 0, $0.count) }
    }

    @Test func phrasesStartingOutsideASCIIMatchInEveryCase() {
        for line in ["über den Autor", "Über den Autor", "ÜBER DEN AUTOR", "à propos de l'auteur", "À PROPOS DE L'AUTEUR",
                     "Добавить комментарий", "ДОБАВИТЬ КОММЕНТАРИЙ", "Об авторе", "ОБ АВТОРЕ"] {
            #expect(match(EndMarkers.prefixes, line) != nil, "\(line)")
        }
        #expect(match(UIPhrases.prefixSet, "© Copyright 2020 Example Media") != nil)
        #expect(match(UIPhrases.prefixSet, "Читайте также: новости дня") != nil)
        for line in ["Übersicht der Termine", "比一般的车要好", "Доброе утро", "Обзор", "© 2020 Example Media", "Ωmega"] {
            #expect(match(EndMarkers.prefixes, line) == nil, "\(line)")
        }
    }

    /// Each scalar from U+0080 to U+2FFF before a phrase's other letters: found exactly when it
    /// lowercases (`TokenHash.lower`) to the phrase's first scalar.
    @Test func everyFirstScalarIsJudgedByItsLowercase() {
        let heads: [UInt32] = [0xE9, 0x3C9, 0x436, 0x133, 0x101, 0x13A, 0x17E, 0x451, 0x2014]
        let set = PrefixSet(heads.map { String(Unicode.Scalar($0)!) + "xy" })
        for v in UInt32(0x80)..<0x3000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let line = String(scalar) + "XY tail"
            let expected = heads.contains(TokenHash.lower(v)) ? String(scalar).utf8.count + 2 : nil
            #expect(match(set, line) == expected, "U+\(String(v, radix: 16))")
        }
    }

    /// The filter of first bytes lowercases only the scalars below `TokenHash.lowerChangesBelow`
    /// (as C's lower does): `TokenHash.lower` changes none from there on, and it does change the
    /// last scalar before.
    @Test func lowercasingChangesNoScalarFromItsBoundOn() {
        let bound = TokenHash.lowerChangesBelow
        #expect((bound...0x10FFFF).first { TokenHash.lower($0) != $0 } == nil)
        #expect(TokenHash.lower(bound - 1) != bound - 1)
    }
}
