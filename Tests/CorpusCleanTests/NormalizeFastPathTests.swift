import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The shortcuts of the normalize stage give what the full work would: text that
/// `MojibakeRepair.mayNeedRepair` lets through has nothing `repair` would change, and text that
/// `TextCleaner` finds in the normalization form (its quick check) is so by ICU.
@Suite struct NormalizeFastPathTests {
    /// Every text of the suites in Tests/Data and the seeds.
    static func realText() throws -> [String] {
        var texts: [String] = []
        for name in ["clean-multilingual.jsonl", "mojibake.jsonl", "web-noise.jsonl", "repair/real.jsonl", "repair/generated.jsonl"] {
            for r in try NormalizeEvaluation.records(NormalizeSuiteTests.data(name)) {
                texts += ["text", "broken", "expected", "input"].compactMap { r[$0]?.stringValue }
            }
        }
        for name in TestSupport.seedNames { texts.append(try TestSupport.seedText(name)) }
        return texts
    }

    @Test func mojibakeGateMissesNothingRepairWouldFix() throws {
        var texts = try Self.realText()
        // Every pair of characters that Windows-1252 or Latin-1 writes as one high byte, and
        // each of them before a space, after a lower-case letter, a capital and a space.
        let high = (0x80...0xFF).compactMap { Unicode.Scalar(UInt32($0)) }
            + [0x20AC, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017D,
               0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x017E, 0x0178]
            .compactMap(Unicode.Scalar.init)
        for a in high {
            for before in ["a", "A", " ", ""] {
                texts.append(before + String(a) + " x")
                for b in high { texts.append(before + String(a) + String(b) + "x") }
            }
        }
        var repaired = 0
        for text in texts {
            if MojibakeRepair.mayNeedRepair(text) {
                repaired += 1
            } else {
                #expect(MojibakeRepair.repair(text).fixes == 0, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(repaired > 1000)
    }

    /// Fields of NormalizationTest.txt, each alone and next to the following line's, and cases
    /// where the cleaner removes what stood between two marks out of order.
    static func normalizationTestStrings() throws -> [String] {
        var fields: [String] = []
        for line in try NormalizeEvaluation.normalizationTestText().split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("@") {
            for field in line.split(separator: ";", omittingEmptySubsequences: false).prefix(5) {
                fields.append(String(String.UnicodeScalarView(field.split(separator: " ").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) })))
            }
        }
        var texts = fields
        for k in fields.indices.dropLast() { texts.append(fields[k] + fields[k + 1]) }
        for between in ["\u{7}", "\u{1B}[0m", "\u{200B}", "&#8203;", "\u{FEFF}", "&amp;", " ", "\n", " \n", "&#769;", "\u{AD}"] {
            texts.append("a\u{301}" + between + "\u{316}")
            texts.append("\u{915}\u{94D}" + between + "\u{93C}")
            texts.append("\u{9C7}" + between + "\u{9BE}")
            texts.append("e" + between + "\u{301}")
        }
        return texts
    }

    /// The vector scan of plain text passes over a character of the blocks it looks up by third
    /// byte (Tamil, Bengali, Gurmukhi, Telugu, Gujarati, Myanmar: no option acts on them) exactly
    /// when the character has class 0 in the form, amid ASCII long enough for the 32-byte scan.
    @Test(arguments: NormalizationForm.allCases)
    func plainScanOfScriptsByThirdByte(_ form: NormalizationForm) {
        var options = NormalizeOptions.defaults
        options.form = form
        let plain = PlainCharacterTable.of(options)
        let quickCheck = NormalizationQuickCheck.of(form)
        var stops = 0
        for first in [0x0B80, 0x0980, 0x0A00, 0x0C00, 0x0A80, 0x1000, 0x0BC0, 0x0C40] as [UInt32] {
            for v in first..<(first + 64) {
                var text = String(repeating: "x", count: 40) + String(Unicode.Scalar(v)!) + String(repeating: "y", count: 40)
                let span = text.withUTF8 { plain.span($0, from: 0) }
                let isPlain = quickCheck.classOf(v) == 0
                #expect(span == (isPlain ? text.utf8.count : 40), "\(form) U+\(String(v, radix: 16))")
                if !isPlain { stops += 1 }
            }
        }
        #expect(form == .none ? stops == 0 : stops > 10)
    }

    @Test(arguments: NormalizationForm.allCases)
    func quickCheckYesIsNormalized(_ form: NormalizationForm) throws {
        var options = NormalizeOptions.defaults
        options.form = form
        let cleaner = TextCleaner(options: options)
        var skipped = 0
        var texts = try Self.normalizationTestStrings()
        texts += try Self.realText()
        for text in texts {
            var report = StageReport(stage: .normalize)
            let (cleaned, mayNeedForm) = cleaner.clean(text, report: &report)
            guard !mayNeedForm else { continue }
            skipped += 1
            #expect(UnicodeNormalizer.normalizedIfChanged(cleaned, form: form) == nil,
                    "\(form): \(cleaned.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // NFKC_Casefold folds ASCII capitals: every text goes to ICU.
        #expect(form == .nfkcCasefold ? skipped == 0 : skipped > 1000)
    }
}
