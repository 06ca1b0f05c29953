import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// CJK script evidence and the close groups (bs/hr/sr, id/ms, da/nb/nn), on text the project
/// did not write: Article 1 of the Universal Declaration of Human Rights in the UN's published
/// translations, messages of gettext catalogs packaged by Debian (PostgreSQL's pg_dump, wget),
/// and the opening sentence of English Wikipedia's article "Sushi".
@Suite struct LanguageEvidenceTests {
    let identifier = LanguageIdentifier(bestEffort: true)

    static let cjk: [(String, String)] = [
        ("ja", "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。"),
        ("zh", "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。"),
        ("zh", "人人生而自由，在尊嚴和權利上一律平等。他們賦有理性和良心，並應以兄弟關係的精神相對待。"),
        ("ko", "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다."),
        // Japanese among more Latin letters than kana (pg_dump and wget's Japanese catalogs).
        ("ja", "--on-conflict-do-nothing INSERTコマンドにON CONFLICT DO NOTHINGを付加する"),
        ("ja", "-U, --user-agent=AGENT User-Agent として Wget/VERSION ではなく AGENT を使う"),
    ]

    @Test(arguments: cjk.indices)
    func cjkLettersDecide(_ i: Int) {
        let (code, text) = Self.cjk[i]
        #expect(identifier.identify(text).code == code, "\(text)")
    }

    /// An English text quoting Japanese words stays English.
    @Test func quotedJapaneseStaysEnglish() {
        let text = "Sushi (すし, 寿司, 鮨, 鮓, pronounced [sɯɕiꜜ] or [sɯꜜɕi]) is a Japanese dish of prepared vinegared rice "
            + "(鮨飯, sushi-meshi), usually with some sugar and salt, plus a variety of ingredients (ねた, neta), such as "
            + "seafood—often raw—and vegetables."
        #expect(identifier.identify(text).code == "en")
        #expect(ScriptPrior.cjk(Script.letterCounts(text)) == nil)
    }

    /// Answers inside the right group, and exact for the Serbian (ekavian "svešću"), Malay,
    /// Danish and Nynorsk texts; the Croatian and Indonesian ones are read as their neighbour.
    static let close: [(String, String)] = [
        ("hr", "Sva ljudska bića rađaju se slobodna i jednaka u dostojanstvu i pravima. Ona su obdarena razumom i sviješću pa jedna prema drugima trebaju postupati u duhu bratstva."),
        ("sr", "Sva ljudska bića rađaju se slobodna i jednaka u dostojanstvu i pravima. Ona su obdarena razumom i svešću i treba jedni prema drugima da postupaju u duhu bratstva."),
        ("id", "Semua orang dilahirkan merdeka dan mempunyai martabat dan hak-hak yang sama. Mereka dikaruniai akal dan hati nurani dan hendaknya bergaul satu sama lain dalam semangat persaudaraan."),
        ("ms", "Semua manusia dilahirkan bebas dan samarata dari segi kemuliaan dan hak-hak. Mereka mempunyai pemikiran dan perasaan hati dan hendaklah bertindak di antara satu sama lain dengan semangat persaudaraan."),
        ("da", "Alle mennesker er født frie og lige i værdighed og rettigheder. De er udstyret med fornuft og samvittighed, og de bør handle mod hverandre i en broderskabets ånd."),
        ("nn", "Alle menneske er fødde til fridom og med same menneskeverd og menneskerettar. Dei har fått fornuft og samvit og skal leve med kvarandre som brør."),
    ]

    static let exact: Set<String> = ["sr", "ms", "da", "nn"]

    @Test(arguments: close.indices)
    func closeGroupsAreToldApart(_ i: Int) {
        let (code, text) = Self.close[i]
        let got = identifier.identify(text).code
        #expect(LanguageIdentifier.closeGroups.contains { $0.contains(got) && $0.contains(code) }, "\(text)")
        if Self.exact.contains(code) { #expect(got == code, "\(text)") }
    }

    /// Danish and Bokmål sentences the words of the pair lexicon decide, whatever came before:
    /// the identifier's answer, and `decide` on its own from either side of the pair.
    static let danishBokmal: [(String, String)] = [
        ("da", "Hvad skal vi gøre efter mødet? Jeg tror, at nogle af os tager hjem."),
        ("nb", "Hva skal vi gjøre etter møtet? Jeg tror at noen av oss drar hjem."),
    ]

    @Test(arguments: danishBokmal.indices)
    func danishAndBokmalAreToldApartByTheirWords(_ i: Int) throws {
        let (code, text) = Self.danishBokmal[i]
        #expect(identifier.identify(text).code == code)
        for near in ["da", "nb"] {
            #expect(try #require(PairLexicon.shipped.decide(text, near: near)).code == code)
        }
        #expect(PairLexicon.shipped.decide(text, near: "en") == nil, "English is in no pair")
        #expect(PairLexicon.shipped.decide("12345 !!", near: "da") == nil, "no word, no answer")
    }

    /// The yat reflex: ekavian words are Serbian, ijekavian ones Croatian or Bosnian (whichever
    /// ranked higher).
    @Test func theYatReflexTellsSerbianFromCroatianAndBosnian() throws {
        let ekavian = "Gde je bilo vreme kada smo uvek imali mesto za decu."
        let ijekavian = "Gdje je bilo vrijeme kada smo uvijek imali mjesto za djecu."
        for near in ["hr", "bs", "sr"] {
            #expect(try #require(PairLexicon.shipped.decide(ekavian, near: near)).code == "sr")
        }
        #expect(try #require(PairLexicon.shipped.decide(ijekavian, near: "sr")).code == "hr")
        #expect(try #require(PairLexicon.shipped.decide(ijekavian, near: "sr", ranked: ["sr", "bs", "hr"])).code == "bs")
        #expect(try #require(PairLexicon.shipped.decide(ijekavian, near: "bs")).code == "bs")
        #expect(identifier.identify(ekavian).code == "sr")
        #expect(["hr", "bs"].contains(identifier.identify(ijekavian).code))
    }

    /// The Serbian words that Bosnian shares and Croatian does not: the pair after the yat
    /// reflex, which Croatian and Bosnian are both in, has them alone.
    @Test func bosniansSerbianWordsTellItFromCroatian() throws {
        let lexicon = PairLexicon.shipped
        let pair = try #require((0..<lexicon.pairCount).first { lexicon.holds($0, "hr") && lexicon.holds($0, "bs") && !lexicon.holds($0, "sr") })
        #expect(decision("12345 !!", near: "hr", pair: pair) == nil, "no word, no answer")
        let croatian = "Prošlog tjedna je europski nogometni savez objavio nova pravila."
        let bosnian = "Bio je to fudbalski tim koji je igrao u evropskoj ligi prije dvije godine."
        for near in ["hr", "bs"] {
            #expect(decision(croatian, near: near, pair: pair) == nil, "Croatian's own words are not in it")
            #expect(try #require(decision(bosnian, near: near, pair: pair)).code == "bs")
        }
        #expect(decision(bosnian, near: "sr", pair: pair) == nil, "Serbian is not in the pair")
        #expect(identifier.identify(bosnian).code == "bs")
    }

    /// One word of Bosnian's list does not make a Croatian text Bosnian: the Croatian dictionary
    /// the list is built against lacks ordinary Croatian words and towns (ligi, brojao, Sinj),
    /// so two words are needed.
    @Test func oneListedWordLeavesCroatianText() throws {
        let croatian = "Prošlog tjedna tisuće građana došle su na otvorenje novog kazališta. "
            + "Predstavu su pripremili studenti sveučilišnih akademija, a ravnatelj je zahvalio svima."
        #expect(identifier.identify(croatian).code == "hr")
        for added in [" Momčad igra u ligi.", " Nitko nije brojao goste.", " Gostovali su i u Sinj."] {
            #expect(identifier.identify(croatian + added).code == "hr", "\(added)")
        }
        #expect(identifier.identify(croatian + " Igrali su fudbal u evropskoj ligi.").code == "bs",
                "two words or more still do")
    }

    private func decision(_ text: String, near code: String, pair: Int) -> (code: String, margin: Double)? {
        text.withUTF8Bytes { PairLexicon.shipped.decide(utf8: $0, near: code, pair: pair) }
    }

    /// Macedonian writes ѓ ќ ѕ, Serbian ђ ћ: a text with the letters of one of them is that language.
    @Test func cyrillicLettersOfOneLanguageDecide() {
        #expect(LanguageIdentifier.cyrillicLetters("Тој ќе дојде утре.", near: "sr") == "mk")
        #expect(LanguageIdentifier.cyrillicLetters("Он ће доћи сутра.", near: "mk") == "sr")
        #expect(LanguageIdentifier.cyrillicLetters("Он ће доћи, тој ќе дојде.", near: "sr") == nil, "both: no answer")
        #expect(LanguageIdentifier.cyrillicLetters("Тој ќе дојде утре.", near: "ru") == nil, "only among sr, mk, bg")
        #expect(LanguageIdentifier.cyrillicLetters("Он ће доћи сутра.", near: "bg") == "sr")
        #expect(identifier.identify("Тој ќе дојде утре во градот.").code == "mk")
    }

    /// The model settles only inside a group: it never turns CLD2's answer into another family.
    @Test func settlingStaysInsideTheGroup() throws {
        let model = try #require(NgramModel.shipped)
        let en = model.languages.firstIndex(of: "en")!
        var costs = [Double](repeating: 100, count: model.languages.count)
        costs[en] = 1
        let top = [LanguageResult.Candidate(code: "hr", share: 0.9)]
        #expect(LanguageIdentifier.settled(top, cld2: "hr", model: model, costs: costs).map(\.code) == ["hr"])
        costs[model.languages.firstIndex(of: "sr-Latn")!] = 0
        #expect(LanguageIdentifier.settled(top, cld2: "hr", model: model, costs: costs).map(\.code) == ["sr"])
    }
}
