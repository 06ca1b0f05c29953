import CTextKit
import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// The C line scan (`ctk_line_scan_reusing` behind `LineScanner`, `ctk_line_keys` behind `LineKeys`)
/// against the Swift scan it replaced (`ReferenceLineScanner`): every measure of every line,
/// and the stopword masks, on the seeds, text in forty languages and random lines of the bytes
/// and scalars next to the ranges the scans test.
@Suite struct LineScanTests {
    /// Descriptions of the lines where the two scans differ (at most a few).
    static func differences(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            let scan = LineScanner(bytes)
            let reference = ReferenceLineScanner(bytes)
            var found: [String] = []
            if scan.masks != reference.masks { found.append("masks") }
            if scan.lines.count != reference.lines.count { return found + ["line count"] }
            for (k, (a, b)) in zip(scan.lines, reference.lines).enumerated() where found.count < 5 {
                let same = a.start == b.start && a.end == b.end && a.key == b.key && a.words == b.words
                    && a.letters == b.letters && a.unspacedLetters == b.unspacedLetters && a.separators == b.separators
                    && a.interfaceWords == b.interfaceWords && a.dateWords == b.dateWords && a.numbers == b.numbers
                    && a.stopwords == b.stopwords && a.script == b.script && a.secondScript == b.secondScript
                    && a.endsSentence == b.endsSentence && a.endsClause == b.endsClause && a.codeMark == b.codeMark
                    && a.mentionsCookies == b.mentionsCookies
                if !same { found.append("line \(k): \(a) against \(b)") }
            }
            let keys = Array(Set(reference.lines.map(\.key).filter { $0 != 0 })).sorted()
            if LineKeys.distinct(bytes) != keys { found.append("distinct keys") }
            return found
        }
    }

    /// `differences(_:)` and `pathDifferences(_:)` of every text.
    static func differencesWithPaths(_ texts: [String]) -> [String] {
        texts.flatMap { differences($0) + pathDifferences($0) }
    }

    /// Descriptions of where the scans with AVX2 (when the processor has it) and without
    /// (`ctk_line_scan_reusing_portable`, `ctk_line_keys_portable`) differ: the lines' measures, the
    /// masks, the line keys with and without a sentence limit; "no key" when `keyed` and the
    /// text has no line key.
    static func pathDifferences(_ text: String, keyed: Bool = false) -> [String] {
        let shown = text.prefix(80).debugDescription
        var text = text
        return text.withUTF8 { bytes in
            let n = bytes.count
            // Copies: the two scans write into the same buffers of the thread.
            var lines: [[ctk_line]] = []
            var masks: [[UInt32]] = []
            var keys = [[UInt64]](repeating: [UInt64](repeating: 0, count: n / 2 + 1), count: 4)
            var keyCounts = [0, 0, 0, 0]
            LineScanTables.shared.withTables { t in
                for scan in [ctk_line_scan_reusing, ctk_line_scan_reusing_portable] {
                    var measured: UnsafePointer<ctk_line>?
                    var count = 0
                    var found: UnsafePointer<UInt32>?
                    let maskCount = scan(bytes.baseAddress, n, t, &measured, &count, &found)
                    lines.append(Array(UnsafeBufferPointer(start: measured, count: count)))
                    masks.append(Array(UnsafeBufferPointer(start: found, count: maskCount)))
                }
                keyCounts[0] = ctk_line_keys(bytes.baseAddress, n, t, 0, &keys[0])
                keyCounts[1] = ctk_line_keys_portable(bytes.baseAddress, n, t, 0, &keys[1])
                keyCounts[2] = ctk_line_keys(bytes.baseAddress, n, t, 7, &keys[2])
                keyCounts[3] = ctk_line_keys_portable(bytes.baseAddress, n, t, 7, &keys[3])
            }
            var found: [String] = []
            if !lines[0].withUnsafeBytes({ a in lines[1].withUnsafeBytes { b in a.elementsEqual(b) } }) {
                found.append("lines")
            }
            if lines[0].count != lines[1].count { found.append("line counts") }
            if masks[0] != masks[1] { found.append("masks") }
            if !(keyCounts[0] == keyCounts[1] && keys[0].prefix(keyCounts[0]) == keys[1].prefix(keyCounts[1])) {
                found.append("keys")
            }
            if !(keyCounts[2] == keyCounts[3] && keys[2].prefix(keyCounts[2]) == keys[3].prefix(keyCounts[3])) {
                found.append("keys with a sentence limit")
            }
            if !keys[0].prefix(keyCounts[0]).allSatisfy({ $0 != 0 }) { found.append("a zero key") }
            if keyed && keyCounts[0] == 0 { found.append("no key") }
            return found.map { "\($0) differ in \(shown)" }
        }
    }

    /// The seeds and the texts of Tests/Data/clean-multilingual.jsonl (forty languages).
    static func seedsAndMultilingualTexts() throws -> [String] {
        var texts = try TestSupport.seedNames.map(TestSupport.seedText)
        let data = TestSupport.packageRoot.appendingPathComponent("Tests/Data/clean-multilingual.jsonl")
        for line in try String(contentsOf: data, encoding: .utf8).split(separator: "\n") {
            if case let .string(text)? = try JSONParser.parse(string: String(line))["text"] { texts.append(text) }
        }
        return texts
    }

    @Test func matchesTheReferenceOnTheSeedsAndTextInFortyLanguages() throws {
        let texts = try Self.seedsAndMultilingualTexts()
        #expect(texts.count > 40)
        for text in texts {
            #expect(Self.differences(text) == [])
        }
    }

    /// Random lines of letters, digits, white space, code marks, separators and closers, and of
    /// scalars of two, three and four bytes (cased Latin, Greek and Cyrillic, Han and kana, Thai,
    /// Devanagari with its marks, Arabic, Hangul, digits of other scripts, emoji, CJK punctuation
    /// and marks that a run of unspaced letters takes), cut anywhere.
    @Test func matchesTheReferenceOnRandomLines() {
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let ascii = Array("aZ09 \t\r\n.,;:!?\"')]*{}\\=$#>([_-/<|".unicodeScalars)
        let others: [UInt32] = [0xC0, 0xC9, 0xD7, 0xDF, 0xE9, 0xF7, 0x100, 0x101, 0x139, 0x13A, 0x17D, 0x391, 0x3B1, 0x3C2,
                                0x400, 0x410, 0x430, 0x451, 0x5D0, 0x627, 0x661, 0x901, 0x915, 0x93F, 0x966, 0xE01,
                                0xE31, 0x2013, 0x2014, 0x201D, 0x2026, 0x203A, 0xBB, 0xA0, 0x3000, 0x3001, 0x3002,
                                0x3041, 0x30A1, 0x30FC, 0x4E00, 0x6F22, 0xAC00, 0xFF0C, 0xFF21, 0x1F600, 0x20000, 0x301,
                                0x300C, 0x300D, 0x3099, 0xFF11]
        var mismatches: [String] = []
        for _ in 0..<3_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<next(60) {
                switch next(4) {
                case 0: scalars.append(ascii[next(ascii.count)])
                case 1: scalars.append(Unicode.Scalar(others[next(others.count)])!)
                default: scalars.append(Unicode.Scalar(UInt8(0x61 + next(26))))
                }
            }
            mismatches += Self.differences(String(scalars))
        }
        #expect(mismatches == [])
    }

    /// Random texts of ASCII words parted mostly by single spaces (the runs the scans take 64
    /// bytes at a time), words of 1 to 80 letters, digits and capitals, now and then a letter
    /// of two or three bytes inside a word, punctuation, two spaces or a newline.
    @Test func matchesTheReferenceOnLongRunsOfWords() {
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let inner: [String] = ["é", "ß", "Ä", "\u{301}", "ж", "東", "ー", "١"]
        let between: [String] = ["  ", "\n", ", ", ". ", "\t", " - ", "(", " \r\n"]
        var mismatches: [String] = []
        for _ in 0..<1_500 {
            var text = ""
            for _ in 0..<next(40) {
                let length = next(4) == 0 ? 1 + next(80) : 1 + next(9)
                for _ in 0..<length {
                    switch next(40) {
                    case 0: text += inner[next(inner.count)]
                    case 1, 2: text += String(UnicodeScalar(UInt8(0x30 + next(10))))
                    case 3, 4: text += String(UnicodeScalar(UInt8(0x41 + next(26))))
                    default: text += String(UnicodeScalar(UInt8(0x61 + next(26))))
                    }
                }
                text += next(8) == 0 ? between[next(between.count)] : " "
            }
            if next(2) == 0 && !text.isEmpty { text.removeLast() }
            mismatches += Self.differences(text)
        }
        #expect(mismatches == [])
    }

    /// Japanese lines where the prolonged sound mark (ー, a letter of the common script: a word of
    /// its own) stands between kana and kanji, doubled, before punctuation, ASCII or the line's
    /// end, in lines of up to 200 words (past the scan's batches of 64 tokens), with ASCII words
    /// and stopwords between: every measure and key as the reference's, with AVX2 and without.
    /// And fixed lines: ー where the line's tokens reach the batch of 64 (after 61 to 64 ASCII
    /// words), before a kanji, at the text's end and before a newline, before hiragana, and
    /// before Thai (a letter of another unspaced kind).
    @Test func matchesTheReferenceOnProlongedSoundMarksInRuns() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let words = ["コーヒー", "ケーキ", "サーバー", "ユーザーの", "東京", "ーー", "データ", "を", "の", "ー", "ラーメン屋",
                     "ー。", "ー、", "ーa", "the ", "and ", "ー ", "ー\n", "（ー）", "ｰ", "ﾗｰﾒﾝ", "タ\u{30FC}\u{30FC}ー東"]
        var texts: [String] = []
        for n in 61...64 {
            let words = String(repeating: "a ", count: n)
            texts += [words + "コーヒーケーキ", words + "コーヒーケーキ\nユーザーの", words + "ユーザーのサーバー管理"]
        }
        texts += ["サーバー東京", "タータ", "東京タータ", "タータ\n", "タータ\nタータ", "the タータ\nand", "ユーザーの", "サーバー管理",
                  "ユーザーのサーバー管理", "ユーザーの\nサーバー管理。", "データーไทย", "東京ーกา"]
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<next(200) { text += words[next(words.count)] }
            texts.append(text)
        }
        #expect(Self.differencesWithPaths(texts) == [])
    }

    /// Runs of kana and kanji with the punctuation and marks that a run passes without a branch
    /// (、。「」『』（）・, closers among them, and a mark that joins a word, U+3099) at their start,
    /// inside and at their end, doubled and tripled, before and after the ideographic space,
    /// ー, full-width digits and letters, Hangul, Thai (a letter of another unspaced kind),
    /// ASCII, newlines and the text's end (where a run stops two bytes early): every measure
    /// (the line's last scalar, which the run reads back from its end, among them) and key as
    /// the reference's, with AVX2 and without, with and without a sentence limit.
    @Test func matchesTheReferenceOnMarksInRunsOfUnspacedLetters() {
        var state: UInt64 = 5
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let letters = ["東", "京", "の", "を", "デ", "ー", "タ", "ヶ", "々"]
        let marks = ["、", "。", "「", "」", "『", "』", "（", "）", "・", "\u{3099}", "！", "？", "\u{201D}", "…"]
        let others = ["\u{3000}", "１", "Ａ", "한", "ไ", "a", "1", " ", ".", "\n", "é", "😀"]
        var texts = ["東京」", "東京。」", "東京」」", "「東京」", "東京、」\n", "東\u{3099}", "東」\u{3099}」", "日本」。」\n東",
                     "」東", "。。東京", "東京」\u{3000}", "東京ไทย」", "ไทย」東京", "東ー」", "東ー東」", "東、１", "東」한",
                     "東京」a", "東京」\n」", "東」", "東", "」", "東京東京東京東京東京東京東京東京東京東京」。"]
        for _ in 0..<1_500 {
            var text = ""
            for _ in 0..<next(120) {
                switch next(10) {
                case 0, 1: text += marks[next(marks.count)]
                case 2: text += others[next(others.count)]
                default: text += letters[next(letters.count)]
                }
            }
            texts.append(text)
        }
        #expect(Self.differencesWithPaths(texts) == [])
    }

    /// The stopword lookups that the first slot does not decide, which the scan with AVX2 hands
    /// from its four-at-a-time lookup to the probe of one key (`table_values_avx2`): words of
    /// the table stored past their home slot (collisions; which words they are depends on the
    /// order the table was filled in, which changes from process to process), with stopwords,
    /// interface and date words between, and a token whose filter bit is set, that is not in
    /// the table and whose home slot holds another word, in lines of 4 to 16 such words at each
    /// place of a group of four tokens, and in one line of all of them (past the batches of
    /// 64). The masks, interface and date words are the reference's, with AVX2 and without.
    @Test func matchesTheReferenceOnTableCollisions() throws {
        let table = Stopwords.table
        func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key >> 7) & table.mask }
        func tag(_ key: UInt64) -> UInt64 { key >> 32 == 0 ? 1 : key >> 32 }
        // The slot that holds `key`, probing from its home slot.
        func slot(of key: UInt64) -> Int? {
            var i = home(key)
            while table.slots[i] != 0 {
                if table.slots[i] >> 32 == tag(key) { return i }
                i = (i + 1) & table.mask
            }
            return nil
        }
        // The table's words that the scan takes as one token (ASCII letters only).
        let listed = Stopwords.lists.values.flatMap { $0.split(separator: " ").map(String.init) }
            + UIPhrases.keywords.filter { !$0.contains(" ") } + DateWords.words + ["cookie", "cookies"]
        let words = Set(listed).filter { $0.allSatisfy { $0.isASCII && $0.isLetter } }.sorted()
        let displaced = words.filter { word in
            let key = TokenHash.hash(word)
            return slot(of: key).map { $0 != home(key) } ?? false
        }
        let stopwords = words.filter { word in
            let key = TokenHash.hash(word)
            return slot(of: key) == home(key) && table.value(key) & Stopwords.languageBits != 0
        }
        let absent = try #require((0..<1_000_000).lazy.map { "w\($0)" }.first { word in
            let key = TokenHash.hash(word)
            let filtered = table.filter[Int(truncatingIfNeeded: key >> 54)] >> (key >> 48 & 63) & 1 == 1
            return filtered && table.value(key) == 0 && table.slots[home(key)] != 0
        })
        let flagged = words.filter { table.value(TokenHash.hash($0)) & Stopwords.interfaceWord != 0 }.prefix(3)
            + words.filter { table.value(TokenHash.hash($0)) & Stopwords.dateWord != 0 }.prefix(3)
        let between = Array(stopwords.prefix(6) + flagged)
        #expect(displaced.count >= 16 && flagged.count == 6)
        var lines: [String] = []
        for lead in 0..<4 {
            for size in [4, 5, 8, 16] {
                var line = Array(repeating: "x", count: lead)
                for (k, word) in displaced.prefix(size).enumerated() {
                    line += [word, k % 3 == 2 ? absent : between[k % between.count]]
                }
                lines.append(line.joined(separator: " "))
            }
        }
        lines.append(displaced.enumerated().map { k, word in "\(word) \(between[k % between.count]) \(absent)" }
            .joined(separator: " "))
        let text = lines.joined(separator: "\n")
        #expect(Self.differences(text) == [])
        #expect(Self.pathDifferences(text) == [])
        var bytes = text
        let reference = bytes.withUTF8 { ReferenceLineScanner($0) }
        #expect(reference.lines.reduce(0) { $0 + $1.interfaceWords } > 0)
        #expect(reference.lines.reduce(0) { $0 + $1.dateWords } > 0)
        #expect(reference.masks.count > lines.count)
    }

    /// The scans with AVX2 (when the processor has it) and without give the same answers: words
    /// that end at the text's end or at a block's, words of 7 to 65 bytes across the 8-, 16-,
    /// 32- and 64-byte steps, letters of other scripts inside words, digits, capitals.
    @Test func theSIMDAndPortableScansAgree() throws {
        var texts = try Self.seedsAndMultilingualTexts()
        let words = ["a", "Bb", "abcdefg", "ABCDEFGH", "abcdefghi", String(repeating: "x", count: 15),
                     String(repeating: "Y", count: 16), String(repeating: "z9", count: 8) + "q", String(repeating: "w", count: 31),
                     String(repeating: "v", count: 32), String(repeating: "u", count: 33), String(repeating: "t", count: 63),
                     String(repeating: "s", count: 64), String(repeating: "r", count: 65), "caf\u{E9}teria", "Stra\u{DF}e",
                     "na\u{EF}ve", "x\u{301}y", "abc123", "456def", "7", "HELLO", "\u{6771}\u{4EAC}abc", "MiXeD9Case"]
        for count in 1...40 {
            var text = ""
            for k in 0..<count { text += words[(k * 7 + count) % words.count] + (k % 11 == 10 ? "  " : " ") }
            for cut in [0, 1, 2, 3, 5, 8] where cut < text.unicodeScalars.count {
                texts.append(String(String.UnicodeScalarView(text.unicodeScalars.dropLast(cut))))
            }
        }
        for length in 60...160 {
            texts.append(String(repeating: "ab ", count: length / 3) + String(repeating: "c", count: length % 3 + 1))
        }
        for text in texts {
            #expect(Self.pathDifferences(text, keyed: true) == [])
        }
    }

    /// `LineScanner` (`ctk_line_scan_reusing`, whose buffers grow as the scan meets lines and
    /// are kept from one text to the next, shrunk past the room kept) measures what the same
    /// scan does in a new thread, into buffers made for that text: texts of one line, of more
    /// lines than the first room (64) and than the room kept (16,384 lines, masks of 524,288
    /// bytes), and short texts after long ones.
    @Test func theReusedBuffersHoldWhatNewOnesDo() {
        let paragraph = "The committee will meet on Monday, and the minutes follow.\nHome | News | Sign up\n\n東京の天気は晴れです。\n"
        let texts = ["one line", String(repeating: paragraph, count: 40), String(repeating: paragraph, count: 5_000),
                     "a short text\nafter a long one", String(repeating: paragraph, count: 2_000),
                     String(repeating: "x\n", count: 70_000), "last"]
        for text in texts {
            let reused = Self.measures(text)
            let fresh = Self.measuresOnANewThread(text)
            let lineCount = text.utf8.count(where: { $0 == 0x0A }) + 1
            #expect(reused.lines.count == lineCount * MemoryLayout<ctk_line>.stride)
            #expect(reused.masks == fresh.masks)
            #expect(reused.lines == fresh.lines, "\(lineCount) lines")
        }
    }

    /// `LineScanner`'s lines (their bytes) and masks of `text`.
    static func measures(_ text: String) -> (lines: [UInt8], masks: [UInt32]) {
        var text = text
        return text.withUTF8 { bytes in
            let scan = LineScanner(bytes)
            return (scan.lines.withUnsafeBytes { Array($0) }, scan.masks)
        }
    }

    /// `measures(text)` in a thread of its own.
    static func measuresOnANewThread(_ text: String) -> (lines: [UInt8], masks: [UInt32]) {
        nonisolated(unsafe) var result: (lines: [UInt8], masks: [UInt32]) = ([], [])
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result = measures(text)
            done.signal()
        }
        thread.start()
        done.wait()
        return result
    }

    /// The hits per language over a text (`LineScanner.totals`, counted a byte at a time in
    /// byte-wide counters) are the set bits of its masks, counted one by one, past 255 masks.
    @Test func totalsCountEveryLanguageBit() {
        var text = "the cat"
        var scan = text.withUTF8 { LineScanner($0) }
        var state: UInt64 = 5
        scan.masks = (0..<1_000).map { k in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Mostly one or two languages, and every bit of some masks.
            let bit = UInt32((state >> 33) % 23)
            return k % 97 == 0 ? Stopwords.languageBits : UInt32(1) << bit | UInt32(truncatingIfNeeded: state >> 40) & 0x41
        }
        var expected = [Int](repeating: 0, count: Stopwords.languages.count)
        for mask in scan.masks {
            for bit in expected.indices where mask >> bit & 1 == 1 { expected[bit] += 1 }
        }
        #expect(scan.totals == expected)
        #expect(expected.allSatisfy { $0 > 0 } && expected.max()! > 255)
    }
}
