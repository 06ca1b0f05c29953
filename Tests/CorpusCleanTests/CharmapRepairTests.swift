import CTextKit
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The encoding repair across code pages (`CharmapRepair`, `MojibakeBadness`) and C1
/// controls read as Windows-1252, through the normalize stage.
@Suite struct CharmapRepairTests {
    let stage = NormalizeStage(options: .defaults)

    @Test(arguments: [
        ("g√¢teaux et cr√®me br√ªl√©e", "gâteaux et crème brûlée"),  // MacRoman
        ("РґРѕСЂРѕРіРµ", "дороге"),  // Windows-1251
        ("DobrĂ˝ den, jak se mĂˇte?", "Dobrý den, jak se máte?"),  // Windows-1250
        ("Zurich \u{0393}\u{00C7}\u{00F6} Z\u{251C}\u{255D}rich", "Zurich — Zürich"),  // cp437
        ("cafÃƒÂ© au lait", "café au lait"),  // Windows-1252 twice
        ("Love it í\u{00A0}½í¸\u{008D}", "Love it 😍"),  // surrogate halves read as Latin-1
        ("неподдържан тип РіРЅРµР·РґРѕ (socket)", "неподдържан тип гнездо (socket)"),  // one word, 1251
        ("la expulsiΓö£Γöén", "la expulsión"),  // cp437 twice: the first layer is box drawing inside a word
        ("documento de presentaciР“С–n", "documento de presentación"),  // 1251 twice: the first layer mixes scripts
    ])
    func repairsWholeTextAndWordsInEveryCodePage(_ broken: String, _ expected: String) {
        let (text, report) = TestSupport.run(stage, broken)
        #expect(text == expected)
        #expect((report.fixes["mojibake"] ?? 0) >= 1)
    }

    /// The shape screen before a run is decoded: a code page stays only while the run, in its
    /// bytes, is whole UTF-8 sequences with ASCII between them.
    @Test func sequenceShapeKeepsTheCodePagesThatReadTheRunAsUTF8() {
        func shape(_ text: String) -> UInt64 {
            var shape = SequenceShape()
            for scalar in text.unicodeScalars {
                if scalar.value < 0x80 { shape.addASCII() } else { shape.add(Charmap.roles(scalar.value)) }
            }
            return shape.complete
        }
        let latin1: UInt64 = 1, windows1251: UInt64 = 1 << 2  // bits of Charmap.all
        #expect(shape("Ã©") & latin1 != 0)  // C3 A9
        #expect(shape("Ã©x Ã¨") & latin1 != 0)
        #expect(shape("Ã") & latin1 == 0)  // a lead without its continuation
        #expect(shape("©Ã©") & latin1 == 0)  // a continuation without its lead
        #expect(shape("Ãx©") & latin1 == 0)  // ASCII inside a sequence
        #expect(shape("РґРѕ") & windows1251 != 0)
        #expect(shape("дороге") == 0)  // clean Cyrillic: no code page reads it as UTF-8
    }

    /// The cheap test asks for a run that some code page reads as whole UTF-8 sequences: one
    /// with a complete sequence and a lead left over ("Ã©Ã" in Latin-1 and MacRoman alike)
    /// cannot be repaired, whole or as a run.
    @Test func aRunWithoutTheShapeOfUTF8IsNoCandidate() {
        #expect(MojibakeRepair.isCharmapCandidate("le cafÃ© est bon"))
        #expect(!MojibakeRepair.isCharmapCandidate("le cafÃ©Ã est bon"))
    }

    @Test func readsC1ControlsAsWindows1252() {
        let (text, report) = TestSupport.run(stage, "\u{0084}Handwerk\u{0093} \u{0080}5 \u{0085} x\u{0081}y\u{0092}s")
        #expect(text == "„Handwerk“ €5 … xy’s")
        #expect(report.fixes["c1_as_windows_1252"] == 5)
        #expect(report.fixes["control"] == 1)
        var nfkc = NormalizeOptions.defaults
        nfkc.form = .nfkc
        #expect(TestSupport.run(NormalizeStage(options: nfkc), "wait\u{0085} \u{0099}").text == "wait... TM")
        var off = NormalizeOptions.defaults
        off.mojibake = false
        #expect(TestSupport.run(NormalizeStage(options: off), "a\u{0093}b").text == "ab")
    }

    @Test(arguments: [
        "CAFÉ’S MENU", "Þú ert ágæt, Óðinn", "В\u{00A0}2010 году «Я…»", "El col·legi de l’Àfrica",
        "SÃO PAULO — Ãrea", "¿Qué? ¡Ánimo! „Äpfel“", "5 m² à 20 °C", "Рівне, Сі, ВКонтакте",
        "├── Sources\n│   └── main.swift", "│name│size│\n├────┼────┤",
    ])
    func leavesCleanTextAlone(_ clean: String) {
        let (text, report) = TestSupport.run(NormalizeStage(options: NormalizeEvaluation.repairOnly), clean)
        #expect(text == clean)
        #expect(report.fixes["mojibake"] == nil)
        #expect(MojibakeRepair.repair(clean).fixes == 0)
    }

    /// Windows-1250 and ISO-8859-2 differ in a few letters, so both can give clean-looking
    /// text; the one whose letters are frequent in more languages wins ("ü", not "ß").
    @Test(arguments: [
        ("kasuta jokkersĂźmboleid (vĂ¤listamise korral)", "kasuta jokkersümboleid (välistamise korral)"),
        ("Ga go na kgopolo go laiĹĄa faele", "Ga go na kgopolo go laiša faele"),
    ])
    func prefersISO88592WhereItsLettersAreTheCommonerOnes(_ broken: String, _ expected: String) {
        #expect(TestSupport.run(NormalizeStage(options: NormalizeEvaluation.repairOnly), broken).text == expected)
    }

    /// A capital Ă (C3 in Windows-1250 and ISO-8859-2) before a lower-case letter those code
    /// pages write as a continuation byte is ó, õ or ú read so; MacRoman's "Œå" is not counted,
    /// nor Ŕ (C0, a lead of no valid sequence), nor a pair of one language in which the letter
    /// the bytes make is not frequent (Romanian "Ăş", which would be ú).
    @Test func badnessSeesCentralEuropeanLeadBeforeContinuation() {
        let stage = NormalizeStage(options: NormalizeEvaluation.repairOnly)
        #expect(MojibakeBadness.score("Ăłrdenes") > 0)
        #expect(MojibakeBadness.score("Ĺľe") > 0)
        #expect(MojibakeBadness.score("Œå") == 0)
        #expect(MojibakeBadness.score("Ŕł") == 0)
        #expect(MojibakeBadness.score("Ăştia") == 0)
        #expect(MojibakeBadness.score("Ężng") > 0)
        #expect(TestSupport.run(stage, "tener Ăłrdenes").text == "tener órdenes")
        #expect(TestSupport.run(stage, "15. Ăşnora 2020 se ĹľĂˇdnĂ˝").text == "15. února 2020 se žádný")
    }

    /// Clean words whose capital Windows-1250 or ISO-8859-2 writes as a lead byte, before a
    /// lower-case letter or ASCII, stay as they are.
    @Test(arguments: ["Ăştia sunt.", "Ăştia nu ştiu", "Ăşa e. Ţşx", "Ăla", "Ľudovít", "Łódź",
                      "Žiška a Ĺudovít"])
    func keepsCleanCentralEuropeanCapitals(_ clean: String) {
        #expect(TestSupport.run(NormalizeStage(options: NormalizeEvaluation.repairOnly), clean).text == clean)
        #expect(MojibakeRepair.repair(clean).fixes == 0)
    }

    @Test func badnessSeesMojibakeNotText() {
        #expect(MojibakeBadness.score("cafÃ©") > 0)
        #expect(MojibakeBadness.score("РґРѕ") > 0)
        #expect(MojibakeBadness.score("√©") > 0)
        #expect(MojibakeBadness.score("expulsi├│n") > 0)
        #expect(MojibakeBadness.score("café, дорога, Καλημέρα, 日本語") == 0)
    }

    /// `ctk_charmap_run` gives the runs of a walk character by character: the maximal runs of
    /// characters that have `Charmap.roles` and that some code page reads as whole UTF-8
    /// sequences, on texts of characters of the code pages (leads, continuations), others with
    /// the same lead bytes, ASCII and CJK, long enough for the 32-byte scan.
    @Test func charmapRunsAreTheMaximalRunsOfTheCodePages() {
        let alphabet: [String] = ["a", " ", "\n", "Ã", "©", "Â", "Р", "ґ", "Ñ", "µ", "е", "ё", "і", "“", "—", "€",
                                  "ﬁ", "é", "日", "Ѝ", "ơ", "π", "Ω", "┬", "\u{F8FF}", "\u{00A0}", "ǅ", "ـ"]
        func reference(_ src: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
            var runs: [Range<Int>] = []
            var i = 0
            while i < src.count {
                guard src[i] >= 0x80 else {
                    i += 1
                    continue
                }
                let start = i
                var shape = SequenceShape()
                while i < src.count, src[i] >= 0x80 {
                    let (scalar, length) = UTF8Decoding.scalar(src, at: i)
                    let roles = Charmap.roles(scalar.value)
                    guard roles != 0 else { break }
                    shape.add(roles)
                    i += length
                }
                if i == start {
                    i += UTF8Decoding.length(lead: src[i])
                } else if shape.complete != 0 {
                    runs.append(start..<i)
                }
            }
            return runs
        }
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for round in 0..<400 {
            var text = ""
            for _ in 0..<(round % 90 + 1) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += alphabet[Int(seed >> 33) % alphabet.count]
            }
            var copy = text
            let (found, expected) = copy.withUTF8 { src in
                Charmap.withRoleTable { roles in
                    var runs: [Range<Int>] = []
                    var i = 0
                    while i < src.count {
                        var end = 0
                        let start = ctk_charmap_run(src.baseAddress!, i, src.count, roles.baseAddress!, &end)
                        guard start < src.count else { break }
                        runs.append(start..<end)
                        i = end
                    }
                    return (runs, reference(src))
                }
            }
            #expect(found == expected, "\(text.debugDescription)")
        }
    }

    /// The scan that passes over runs no code page reads as UTF-8 misses none that starts with
    /// a lead and a continuation: every character that is a continuation in some code page,
    /// after a two-byte lead of that code page, makes a run, with ASCII around it (the 32-byte
    /// scan) and alone (the byte-by-byte one).
    @Test func charmapRunsStartAtEveryContinuationOfTheCodePages() {
        let leads = (UInt32(0x80)..<0x2600).filter { Charmap.roles($0) & 0xFFFF != 0 }
        var checked = 0
        for v in UInt32(0x80)..<0x2600 where Charmap.roles(v) >> 48 != 0 {
            guard let lead = leads.first(where: { Charmap.roles($0) & Charmap.roles(v) >> 48 != 0 }) else {
                Issue.record("no two-byte lead before U+\(String(v, radix: 16))")
                continue
            }
            let pair = String(Unicode.Scalar(lead)!) + String(Unicode.Scalar(v)!)
            for padding in [0, 40] {
                var text = String(repeating: "a", count: padding) + pair + String(repeating: "a", count: padding)
                let run = text.withUTF8 { src in
                    Charmap.withRoleTable { roles in
                        var end = 0
                        let start = ctk_charmap_run(src.baseAddress!, 0, src.count, roles.baseAddress!, &end)
                        return start..<end
                    }
                }
                #expect(run == padding..<(padding + pair.utf8.count), "U+\(String(v, radix: 16))")
            }
            checked += 1
        }
        #expect(checked > 200)
    }

    @Test func cheapTestPassesOnlyAdjacentCodePageCharacters() {
        func candidate(_ s: String) -> Bool {
            var s = s
            return s.withUTF8 { CharmapRepair.isCandidate($0) }
        }
        #expect(candidate("x Ã© y"))
        #expect(candidate("РґРѕ"))
        #expect(!candidate("plain ASCII text"))
        #expect(!candidate("é à ü"))
        #expect(!candidate("日本語のテキスト"))
    }
}
