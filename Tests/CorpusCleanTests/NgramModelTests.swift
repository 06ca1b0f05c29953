import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The n-gram model on short text: Article 1 of the Universal Declaration of Human Rights in
/// the UN's published translations (text the model never saw), and phrases cut from it.
@Suite struct NgramModelTests {
    static let article1: [(String, String)] = [
        ("da", "Alle mennesker er født frie og lige i værdighed og rettigheder."),
        ("nb", "Alle mennesker er født frie og med samme menneskeverd og menneskerettigheter."),
        ("sv", "Alla människor är födda fria och lika i värde och rättigheter."),
        ("es", "Todos los seres humanos nacen libres e iguales en dignidad y derechos."),
        ("pt", "Todos os seres humanos nascem livres e iguais em dignidade e em direitos."),
        ("gl", "Tódolos seres humanos nacen libres e iguais en dignidade e dereitos."),
        ("ca", "Tots els éssers humans neixen lliures i iguals en dignitat i en drets."),
        ("it", "Tutti gli esseri umani nascono liberi ed eguali in dignità e diritti."),
        ("fr", "Tous les êtres humains naissent libres et égaux en dignité et en droits."),
        ("de", "Alle Menschen sind frei und gleich an Würde und Rechten geboren."),
        ("nl", "Alle mensen worden vrij en gelijk in waardigheid en rechten geboren."),
        ("pl", "Wszyscy ludzie rodzą się wolni i równi pod względem swej godności i swych praw."),
        ("cs", "Všichni lidé rodí se svobodní a sobě rovní co do důstojnosti a práv."),
        ("mk", "Сите човечки суштества се раѓаат слободни и еднакви по достоинство и права."),
        ("bg", "Всички хора се раждат свободни и равни по достойнство и права."),
        ("ru", "Все люди рождаются свободными и равными в своем достоинстве и правах."),
        ("uk", "Всі люди народжуються вільними і рівними у своїй гідності та правах."),
    ]

    @Test func shipsWithTheLibrary() throws {
        let model = try #require(NgramModel.shipped)
        #expect(model.languages.count >= 75)
        #expect(model.languages.contains("en") && model.languages.contains("sr-Latn"))
        #expect(model.trainingDomains.contains("nautilus"))
    }

    @Test func rejectsWhatIsNotAModel() {
        for bytes: [UInt8] in [[], Array("CCNGRAM1".utf8), Array(repeating: 0, count: 300)] {
            #expect(bytes.withUnsafeBytes { NgramModel(binary: $0) } == nil)
        }
    }

    /// Danish and Norwegian Bokmål are close: one miss (nb taken for da) is allowed.
    @Test func identifiesShortSentences() {
        let identifier = LanguageIdentifier(bestEffort: true)
        let misses = Self.article1.filter { identifier.identify($0.1).code != $0.0 }.map(\.0)
        #expect(misses.count <= 1, "missed \(misses)")
    }

    @Test func identifiesMostWordPairs() {
        let identifier = LanguageIdentifier(bestEffort: true)
        var hits = 0
        for (code, text) in Self.article1 {
            let words = text.split(separator: " ")
            let pair = words.suffix(3).prefix(2).joined(separator: " ")
            if identifier.identify(pair).code == code { hits += 1 }
        }
        #expect(hits * 10 >= Self.article1.count * 6, "\(hits) of \(Self.article1.count)")
    }

    @Test func hasNoOpinionWithoutLetters() {
        let model = NgramModel.shipped!
        for text in ["", "12345 678", "!!! ??? ---", "🙂🙂"] {
            #expect(model.costs(text) == nil)
        }
    }

    /// The close groups' dense rows score their languages as the whole model does: on short
    /// sentences; on a long text (its n-grams reach the close rows a batch of about 200 at a time,
    /// so the spill of the lane sums every 255 rows is `CloseRowsTests`' to check); and on a word
    /// longer than the scan's first buffers, which it grows.
    @Test func aSubsetScoresItsLanguagesAsTheWholeModel() throws {
        let model = try #require(NgramModel.shipped)
        let subset = model.closeRows
        #expect(subset.languages.count == NgramModel.closeLanguages.count)
        let long = String(repeating: "Gdje je bilo vrijeme kada smo uvijek imali mjesto za djecu. ", count: 10)
        let longWord = "a" + String(repeating: "bcdefghij", count: 11)
        #expect(longWord.count == 100)
        for text in ["Gdje je bilo vrijeme kada smo uvijek imali mjesto za djecu.", "Hva skal vi gjøre etter møtet?",
                     "Saya tidak tahu apa yang berlaku semalam.", long, longWord, "Gdje je " + longWord + " djecu."] {
            let whole = try #require(model.costs(text))
            let part = try #require(model.costs(text, subset: subset))
            #expect(part.ngrams == whole.ngrams)
            for i in model.languages.indices {
                if subset.languages.contains(i) {
                    #expect(abs(part.costs[i] - whole.costs[i]) < 1e-9, "\(model.languages[i])")
                } else {
                    #expect(part.costs[i] == .infinity)
                }
            }
        }
        let small = NgramModel(languages: ["aa", "nb"], floor: 50, costs: ["x": ["aa": 10, "nb": 20]])
        #expect(small.closeRows.languages == [1])
        #expect(small.costs("x", subset: small.closeRows)?.costs == [.infinity, small.costs("x")!.costs[1]])
    }

    @Test func unseenNgramsCostTheSameEverywhere() {
        let model = NgramModel(languages: ["aa", "bb"], floor: 50, costs: ["x": ["aa": 10], "y": ["bb": 10]])
        let costs = model.costs("qqq")!.costs
        #expect(costs[0] == costs[1])
        #expect(model.costs("x")!.costs[0] < model.costs("x")!.costs[1])
    }

    /// A language with fewer n-grams than the fullest is thin: the model's costs rank it unless
    /// CLD2's spans name it, and then CLD2's share does, as for a language the model lacks.
    @Test func thinLanguagesCompeteThroughCLD2sSpans() throws {
        let model = NgramModel(languages: ["aa", "bb"], floor: 50, costs: ["x": ["aa": 10, "bb": 10], "y": ["aa": 10]])
        #expect(model.thin == [false, true])
        let top = [LanguageResult.Candidate(code: "bb", share: 0.9), LanguageResult.Candidate(code: "aa", share: 0.1)]
        let costs = [10.0, 40.0]
        let unspanned = LanguageIdentifier.reranked(top, reliable: true, model: model, costs: costs, ngrams: 5).0
        #expect(unspanned.map(\.code) == ["aa", "bb"])
        let spanned = LanguageIdentifier.reranked(top, reliable: true, model: model, costs: costs, ngrams: 5, spanned: ["bb"]).0
        #expect(spanned.map(\.code) == ["bb", "aa"])
        let shipped = try #require(NgramModel.shipped)
        let thin = Set(shipped.languages.indices.filter { shipped.thin[$0] }.map { shipped.languages[$0] })
        #expect(thin == ["tl", "rw", "yo", "ts", "ha", "lg", "ig", "nso", "sw", "ln", "tt", "tk"])
    }

    /// Thin is a share of the fullest language's n-grams: a language a few short of the fullest
    /// (a retrain's 9,990 of 10,000) stays full, Turkmen's 9,046 of 10,000 is thin.
    @Test func thinIsAShareOfTheFullest() {
        #expect(NgramModel.thin([10_000, 9_990, 9_500, 9_499, 9_046, 2_095]) == [false, false, false, true, true, true])
        #expect(NgramModel.thin([5, 5]) == [false, false])
    }

    /// CLD2's spans count for thin languages on two words or more.
    @Test func twoWordsAreTwoRunsBetweenBlanks() {
        for (text, two) in [("word", false), (" word\n", false), ("", false), ("two words", true), ("a\nb", true), ("  a  b  ", true)] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { LanguageIdentifier.hasTwoWords($0) } == two, "\(text)")
        }
    }

    /// The compiled-in close rows (scripts/language-model/close-rows.py) are the ones the
    /// compiled-in model builds: the same languages and the same slots, byte for byte.
    @Test func compiledCloseRowsAreTheModelsOwn() throws {
        let model = try #require(NgramModel.shipped)
        let compiled = try #require(NgramModel.compiledCloseRows(), "rows written from this model")
        let built = model.subset(NgramModel.closeLanguages)
        #expect(compiled.languages == built.languages)
        #expect(compiled.table.width == built.table.width && compiled.table.stride == built.table.stride)
        #expect(compiled.table.mask == built.table.mask && compiled.table.shift == built.table.shift)
        #expect(compiled.table.words == built.table.words)
        #expect(model.closeRows.table.words == built.table.words)
    }
}
