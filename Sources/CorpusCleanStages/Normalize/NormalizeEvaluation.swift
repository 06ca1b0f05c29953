import CorpusCleanCore
import Foundation

/// Scores the `normalize` stage against the suites in `Tests/Data` (mojibake, clean
/// multilingual text, web noise) and Unicode's NormalizationTest.txt; shared by the tests
/// and the benchmark so both measure the same thing.
public enum NormalizeEvaluation {
    /// Cases passed out of cases run, and the first failures (input, expected, got).
    public struct Score: Sendable {
        public var total = 0
        public var exact = 0
        public var failures: [(input: String, expected: String, got: String)] = []

        public var percent: Double { total == 0 ? 0 : 100 * Double(exact) / Double(total) }

        mutating func record(_ input: String, expected: String, got: String) {
            total += 1
            // Compare bytes: String == treats canonically equivalent texts as equal.
            if expected.utf8.elementsEqual(got.utf8) {
                exact += 1
            } else if failures.count < 50 {
                failures.append((input, expected, got))
            }
        }
    }

    /// The objects of a JSONL file.
    public static func records(_ path: String) throws -> [JSONValue] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONParser.parse(string: String($0)) }
    }

    /// Runs `text` through the stage with `options`.
    public static func run(_ text: String, options: NormalizeOptions = .defaults) -> (String, StageReport) {
        var state = DocumentState(document: Document(ordinal: 0, id: "t", source: "t", text: text))
        let report = NormalizeStage(options: options).process(&state)
        return (state.text, report)
    }

    /// `{"broken", "expected"}` records: the stage must give `expected` exactly.
    public static func mojibake(_ path: String) throws -> Score {
        var score = Score()
        for r in try records(path) {
            guard let broken = r["broken"]?.stringValue, let expected = r["expected"]?.stringValue else { continue }
            score.record(broken, expected: expected, got: run(broken).0)
        }
        return score
    }

    /// The stage with only the encoding repair on (mojibake, C1 controls as Windows-1252) and
    /// no normalization form: what `ftfy.fix_encoding` does.
    public static var repairOnly: NormalizeOptions {
        var options = NormalizeOptions.defaults
        options.form = .none
        options.removeControls = false
        options.removeFormat = false
        options.foldSpaces = false
        options.lineEndings = false
        options.trimTrailing = false
        options.htmlEntities = false
        return options
    }

    /// `{"broken", "expected", "original"?, "half"?}` records (Tests/Data/repair, made by
    /// scripts/make-repair-suite.py) through `repairOnly`, restricted to one `half` if given:
    /// agreement with `expected` (ftfy's answer), and with `original` (the text before it was
    /// broken) where the record has one.
    public static func repairSuite(_ path: String, half: String? = nil) throws -> (ftfy: Score, original: Score) {
        var ftfy = Score()
        var original = Score()
        let options = repairOnly
        for r in try records(path) {
            guard let broken = r["broken"]?.stringValue, let expected = r["expected"]?.stringValue else { continue }
            if let half, r["half"]?.stringValue != half { continue }
            let got = run(broken, options: options).0
            ftfy.record(broken, expected: expected, got: got)
            if let clean = r["original"]?.stringValue { original.record(broken, expected: clean, got: got) }
        }
        return (ftfy, original)
    }

    /// `{"lang", "text"}` records of correct text: the stage may only apply the normalization
    /// form (NFC by default). Returns the score and the number of languages.
    public static func cleanText(_ path: String) throws -> (Score, languages: Int) {
        var score = Score()
        var languages = Set<String>()
        for r in try records(path) {
            guard let text = r["text"]?.stringValue else { continue }
            languages.insert(r["lang"]?.stringValue ?? "")
            let (got, report) = run(text)
            let expected = UnicodeNormalizer.normalize(text, form: .nfc)
            let onlyForm = report.fixes.keys.allSatisfy { $0 == "normalization_form" }
            score.record(text, expected: expected, got: onlyForm ? got : got + " [fixes: \(report.fixes)]")
        }
        return (score, languages.count)
    }

    /// Restorations of lost bytes, from `lostByteSuite`, for one way of losing them.
    public struct LostByteScore: Sendable {
        /// Lines whose UTF-8 had exactly one byte Windows-1252 leaves undefined.
        public var lines = 0
        /// Of those, the original restored exactly.
        public var restored = 0
        /// Of those, a lost byte restored (`lost_byte` counted) and the line not the original:
        /// a wrong character (or a right one in a line another repair left wrong).
        public var wrong = 0
        /// Lines that had any undefined byte, and those restored exactly.
        public var anyLines = 0
        public var anyRestored = 0
        /// Lines without an undefined byte (read whole as Windows-1252), and those where a lost
        /// byte was nevertheless restored: changes no lost byte asked for.
        public var wholeLines = 0
        public var wholeGuessed = 0
        /// `restored` and `wrong` of the languages at even and at odd places in their sorted list:
        /// two halves, to see how much a figure moves with the languages measured.
        public var halves = [(restored: 0, wrong: 0), (restored: 0, wrong: 0)]
    }

    /// The `{"lang", "text"}` lines of clean text broken as a strict Windows-1252 decoder does:
    /// UTF-8 read as Windows-1252 with the bytes it leaves undefined (0x81 0x8D 0x8F 0x90 0x9D)
    /// dropped, or (`replaced`) written as U+FFFD, through `repairOnly`.
    public static func lostByteSuite(_ path: String, replaced: Bool = false) throws -> LostByteScore {
        var score = LostByteScore()
        let windows1252 = Charmap.windows1252.high
        let lines = try records(path)
        let languages = Set(lines.compactMap { $0["lang"]?.stringValue }).sorted()
        let half = Dictionary(uniqueKeysWithValues: languages.enumerated().map { ($0.element, $0.offset % 2) })
        for r in lines {
            guard let text = r["text"]?.stringValue else { continue }
            var broken = String.UnicodeScalarView()
            var lost = 0
            for byte in text.utf8 {
                if byte < 0x80 {
                    broken.append(Unicode.Scalar(byte))
                } else if LostByteRepair.undefined.contains(byte) {
                    lost += 1
                    if replaced { broken.append("\u{FFFD}") }
                } else {
                    broken.append(Unicode.Scalar(windows1252[Int(byte) - 0x80])!)
                }
            }
            let (got, report) = run(String(broken), options: repairOnly)
            let guessed = (report.fixes["lost_byte"] ?? 0) > 0
            guard lost > 0 else {
                if text.utf8.contains(where: { $0 >= 0x80 }) {
                    score.wholeLines += 1
                    if guessed { score.wholeGuessed += 1 }
                }
                continue
            }
            let exact = got.utf8.elementsEqual(text.utf8)
            score.anyLines += 1
            if exact { score.anyRestored += 1 }
            guard lost == 1 else { continue }
            score.lines += 1
            let h = half[r["lang"]?.stringValue ?? ""] ?? 0
            if exact {
                score.restored += 1
                score.halves[h].restored += 1
            } else if guessed {
                score.wrong += 1
                score.halves[h].wrong += 1
            }
        }
        return score
    }

    /// `{"input", "expected"}` records, and `{"charset", "input_base64", "expected"}` records
    /// of legacy-encoded bytes read through `ByteDecoder` with `invalid_utf8: "detect"`.
    public static func webNoise(_ path: String) throws -> Score {
        var score = Score()
        let decoder = ByteDecoder(invalidUTF8: .detect)
        for r in try records(path) {
            guard let expected = r["expected"]?.stringValue else { continue }
            if let input = r["input"]?.stringValue {
                score.record(input, expected: expected, got: run(input).0)
            } else if let b64 = r["input_base64"]?.stringValue, let data = Data(base64Encoded: b64) {
                let decoded = decoder.decode([UInt8](data))
                let label = "[\(r["charset"]?.stringValue ?? "?") → \(decoded.note ?? decoded.error?.message ?? "utf-8")]"
                score.record(label, expected: expected, got: run(decoded.text).0)
            }
        }
        return score
    }

    /// The stage as the web-noise policy (../shared/data/unicode/web-noise-policy.md) wants it
    /// with `form` last: spaces are folded by NFKC only, and line ends not trimmed.
    public static func policyOptions(form: NormalizationForm) -> NormalizeOptions {
        var options = NormalizeOptions.defaults
        options.form = form
        options.foldSpaces = false
        options.trimTrailing = false
        return options
    }

    /// `{"category", "input" | "input_base64", "expected", "expected_nfc"}` records (made by
    /// scripts/make-policy-suite.py): bytes are read with `invalid_utf8: "web"`, then the
    /// stage runs with `policyOptions(form:)` and must give `expected` (NFKC) or
    /// `expected_nfc` (NFC). Returns the score over all records and by category.
    public static func policy(_ path: String, form: NormalizationForm) throws -> (all: Score, byCategory: [String: Score]) {
        var all = Score()
        var byCategory: [String: Score] = [:]
        let decoder = ByteDecoder(invalidUTF8: .web)
        let options = policyOptions(form: form)
        for r in try records(path) {
            guard let expected = (form == .nfc ? r["expected_nfc"] : r["expected"])?.stringValue else { continue }
            let category = r["category"]?.stringValue ?? "?"
            var input = r["input"]?.stringValue
            if input == nil, let b64 = r["input_base64"]?.stringValue, let data = Data(base64Encoded: b64) {
                input = decoder.decode([UInt8](data)).text
            }
            guard let input else { continue }
            let got = run(input, options: options).0
            all.record("[\(category)] \(input.debugDescription)", expected: expected, got: got)
            byCategory[category, default: Score()].record(input, expected: expected, got: got)
        }
        return (all, byCategory)
    }

    /// Unicode's NormalizationTest.txt as Debian's unicode-data ships it (bzip2), through bzcat.
    public static func normalizationTestText() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bzcat", "/usr/share/unicode/NormalizationTest.txt.bz2"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The lines of Unicode's NormalizationTest.txt (c1;c2;c3;c4;c5) for `form` (NFC or
    /// NFKC): NFC requires c2 = NFC(c1) = NFC(c2) = NFC(c3) and c4 = NFC(c4) = NFC(c5); NFKC
    /// requires c4 = NFKC(c1...c5).
    public static func conformance(_ text: String, form: NormalizationForm) -> Score {
        var score = Score()
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("@") {
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).prefix(5).map { field in
                String(String.UnicodeScalarView(field.split(separator: " ").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }))
            }
            guard fields.count == 5 else { continue }
            let pairs: [(Int, Int)] = form == .nfc ? [(1, 0), (1, 1), (1, 2), (3, 3), (3, 4)] : [(3, 0), (3, 1), (3, 2), (3, 3), (3, 4)]
            var got = ""
            var ok = true
            for (want, from) in pairs {
                let normalized = UnicodeNormalizer.normalize(fields[from], form: form)
                if !normalized.utf8.elementsEqual(fields[want].utf8) {
                    ok = false
                    got = normalized
                }
            }
            score.record(String(line), expected: ok ? "" : fields[pairs[0].0], got: ok ? "" : got)
        }
        return score
    }
}
