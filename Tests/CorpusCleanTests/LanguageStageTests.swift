import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

@Suite struct LanguageStageTests {
    let stage = LanguageStage(options: .defaults)

    static let samples: [(String, String)] = [
        ("en", "The committee met on Tuesday to discuss the budget for the coming year, and most members agreed with the proposal."),
        ("de", "Der Ausschuss traf sich am Dienstag, um den Haushalt für das kommende Jahr zu besprechen, und die meisten Mitglieder stimmten zu."),
        ("fr", "Le comité s'est réuni mardi pour discuter du budget de l'année prochaine, et la plupart des membres ont approuvé la proposition."),
        ("es", "El comité se reunió el martes para discutir el presupuesto del próximo año y la mayoría de los miembros aprobó la propuesta."),
        ("ru", "Комитет собрался во вторник, чтобы обсудить бюджет на следующий год, и большинство членов поддержали предложение."),
        ("ja", "委員会は火曜日に会合を開き、来年度の予算について話し合い、ほとんどの委員が提案に賛成した。"),
        ("la", "Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae, aliam Aquitani, tertiam qui ipsorum lingua Celtae, nostra Galli appellantur."),
    ]

    @Test(arguments: samples.map(\.0))
    func detectsTheLanguage(_ code: String) {
        let text = Self.samples.first { $0.0 == code }!.1
        let (_, report) = TestSupport.run(stage, text)
        #expect(report.language?.code == code)
        #expect((report.language?.confidence ?? 0) > 0.5)
        #expect(report.dropReason == nil)
    }

    @Test func seedsAreEnglish() throws {
        for name in TestSupport.seedNames {
            let (_, report) = TestSupport.run(stage, try TestSupport.seedText(name))
            #expect(report.language?.code == "en")
            #expect(report.language?.reliable == true)
            #expect((report.language?.top.count ?? 0) >= 1)
        }
    }

    @Test func emptyOrSymbolTextIsUnknown() {
        for text in ["", "12345 678 90", "!!! ??? ---", "🙂🙂🙂"] {
            let (_, report) = TestSupport.run(stage, text)
            #expect(report.language?.code == "und")
            #expect(report.language?.confidence == 0)
        }
    }

    @Test func filtersByAllowedLanguagesAndConfidence() throws {
        let config = try TestSupport.config(#"{"language": {"allowed": ["de"], "min_confidence": 0.5, "unknown": "drop"}}"#)
        let filtering = LanguageStage(options: config[LanguageStage.self])
        #expect(TestSupport.run(filtering, Self.samples[0].1).report.dropReason == "language_not_allowed")
        #expect(TestSupport.run(filtering, Self.samples[1].1).report.dropReason == nil)
        #expect(TestSupport.run(filtering, "12345").report.dropReason == "language_unknown")
        let strict = LanguageStage(options: try TestSupport.config(#"{"language": {"min_confidence": 1.0}}"#)[LanguageStage.self])
        #expect(TestSupport.run(strict, "Hello there").report.dropReason == "language_low_confidence")
    }

    @Test func reportsSpansOfMixedDocuments() {
        let mixed = Self.samples[0].1 + " " + Self.samples[0].1 + "\n" + Self.samples[4].1 + " " + Self.samples[4].1
        let (_, report) = TestSupport.run(stage, mixed)
        let codes = Set(report.language?.spans.map(\.code) ?? [])
        #expect(codes.contains("en") && codes.contains("ru"))
    }

    @Test func scriptDecidesShortTexts() {
        for (text, code) in [("안녕하세요", "ko"), ("ありがとう", "ja"), ("ขอบคุณ", "th"), ("Ευχαριστώ", "el"), ("მადლობა", "ka")] {
            let result = LanguageIdentifier(bestEffort: true).identify(text)
            #expect(result.code == code, "\(text)")
            #expect(result.confidence > 0.5)
        }
    }

    @Test func reportsNearIdenticalPairs() {
        let text = "Nije moguće otvoriti datoteku za čitanje, provjerite dozvole i pokušajte ponovno."
        let result = LanguageIdentifier(bestEffort: true).identify(text)
        #expect(["bs", "hr", "sr"].contains(result.code))
        #expect(result.pair == "bs/hr/sr")
        #expect(LanguageIdentifier(bestEffort: true).identify(Self.samples[0].1).pair == nil)
    }

    @Test func mixedDocumentsHaveLineSpansAndCanBeDropped() throws {
        let english = Self.samples[0].1, russian = Self.samples[4].1
        let mixed = [english, english, russian, russian, "ok", english].joined(separator: "\n")
        let result = LanguageIdentifier(bestEffort: true).identify(mixed)
        #expect(result.mixed)
        #expect(result.language(ofLine: 0) == "en")
        #expect(result.language(ofLine: 2) == "ru")
        #expect(result.language(ofLine: 5) == "en")
        #expect(result.lineSpans.map(\.code) == ["en", "ru", "en"])
        let dropping = LanguageStage(options: try TestSupport.config(#"{"language": {"mixed": "drop"}}"#)[LanguageStage.self])
        #expect(TestSupport.run(dropping, mixed).report.dropReason == "language_mixed")
        #expect(TestSupport.run(dropping, english).report.dropReason == nil)
        #expect(LanguageIdentifier(bestEffort: true).identify(english + "\n" + english).mixed == false)
    }

    @Test func longDocumentsAreSampled() {
        let line = Self.samples[1].1 + "\n"
        let long = String(repeating: line, count: 10 * 1024 * 1024 / line.utf8.count)
        #expect(LanguageIdentifier.sample(long).utf8.count <= LanguageIdentifier.sampleBytes + 16)
        #expect(LanguageIdentifier.sample(long, bytes: LanguageIdentifier.detectionBytes).utf8.count <= LanguageIdentifier.detectionBytes + 16)
        #expect(LanguageIdentifier(bestEffort: true).identify(long).code == "de")
    }

    /// The 512-byte probe's answer stands alone only when plain: reliable, outside the close
    /// groups and with no span in another language.
    @Test func probeStandsOnlyForPlainAnswers() {
        func probe(_ lines: [String]) -> CLD2.Detection {
            let text = lines.joined(separator: "\n")
            #expect(text.utf8.count > LanguageIdentifier.firstDetectionBytes)
            return CLD2.detect(LanguageIdentifier.sample(text, bytes: LanguageIdentifier.probeBytes), bestEffort: true)
        }
        let german = Self.samples[1].1, english = Self.samples[0].1, russian = Self.samples[4].1
        let croatian = "Nije moguće otvoriti datoteku za čitanje, provjerite dozvole i pokušajte ponovno."
        #expect(LanguageIdentifier.stands(probe(Array(repeating: german, count: 12))))
        #expect(!LanguageIdentifier.stands(probe(Array(repeating: croatian, count: 16))))
        let englishAroundRussian = Array(repeating: english, count: 6) + Array(repeating: russian, count: 3)
            + Array(repeating: english, count: 6)
        #expect(!LanguageIdentifier.stands(probe(englishAroundRussian)))
        #expect(LanguageIdentifier(bestEffort: true).identify(englishAroundRussian.joined(separator: "\n")).mixed)
    }
}
