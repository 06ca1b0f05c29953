import CTextKit
import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The corpus pre-pass's keys-only scan (`LineKeys`) against `LineScanner`, whose keys the
/// stage looks up: they must agree on every line, or shared lines go uncounted.
@Suite struct LineKeysTests {
    /// Expects each text's keys at each word limit to be the scanner's, and with `portable`
    /// also the portable path's.
    static func expectScannerKeys(_ texts: [String], limits: some Sequence<Int>, portable: Bool = false) {
        for words in limits {
            for text in texts {
                var text = text
                let keys = text.withUTF8 { LineKeys.distinct($0, sentenceWords: words) }
                #expect(keys == Self.scannerKeys(text, sentenceWords: words))
                if portable { #expect(Self.portableKeys(&text, sentenceWords: words) == keys) }
            }
        }
    }

    static func scannerKeys(_ text: String) -> [UInt64] {
        var text = text
        let keys = text.withUTF8 { LineScanner($0).lines.map(\.key) }
        return Array(Set(keys.filter { $0 != 0 })).sorted()
    }

    static func lineKeys(_ text: String) -> [UInt64] {
        var text = text
        return text.withUTF8 { LineKeys.distinct($0) }
    }

    @Test func agreesWithTheScannerOnTheSeedsAndTextInFortyLanguages() throws {
        let texts = try LineScanTests.seedsAndMultilingualTexts()
        #expect(texts.count > 40)
        for text in texts {
            #expect(Self.lineKeys(text) == Self.scannerKeys(text))
        }
    }

    /// The scanner's keys of the lines the stage may look up: not those that end a sentence
    /// and have `sentenceWords` words or more.
    static func scannerKeys(_ text: String, sentenceWords: Int) -> [UInt64] {
        var text = text
        let keys = text.withUTF8 {
            LineScanner($0).lines.filter { !($0.endsSentence && $0.words >= sentenceWords) }.map(\.key)
        }
        return Array(Set(keys.filter { $0 != 0 })).sorted()
    }

    @Test func leavesOutTheLongSentencesTheStageKeeps() throws {
        var texts = try LineScanTests.seedsAndMultilingualTexts()
        texts.append("""
        one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.
        one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty
        one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen?» \u{A0}
        東京タワーは東京都港区芝公園にある総合電波塔であり、その高さは三百三十三メートルである。
        """)
        Self.expectScannerKeys(texts, limits: [2, 7, 20, 40])
        let line = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        var sentence = line + ". "
        var open = line + " "
        #expect(sentence.withUTF8 { LineKeys.distinct($0, sentenceWords: 20) }.isEmpty)
        #expect(sentence.withUTF8 { LineKeys.distinct($0, sentenceWords: 21) } == Self.lineKeys(line))
        #expect(open.withUTF8 { LineKeys.distinct($0, sentenceWords: 20) } == Self.lineKeys(line))
    }

    @Test func agreesOnMixedScriptsDigitsMarksAndOddBytes() {
        let text = """
          Ünïcode ÉTÉ 2024 — «Ça va?»\t
        東京タワー 2024年 ＡＢＣ１２３ ok
        ภาษาไทย ไม่มีช่องว่าง and English
        हिन्दी शब्द, मराठी १२३ 😀 emoji👍🏽x
        Ελληνικά ΚΕΦΑΛΑΙΑ; Русский ТЕКСТ ёЁ
        \u{0301}leading mark, a\u{0308}b, ١٢٣ عربي
        ---  ...  |||
        abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ abc
        """
        #expect(Self.lineKeys(text) == Self.scannerKeys(text))
        #expect(Self.lineKeys(text).count == 7)
    }

    /// Lines that reach a small word limit in the middle of a run of kana and kanji (with
    /// marks, ー, two-byte letters and digits around it), with and without a sentence end: a line
    /// that does not end one goes on past the limit, and its key is the scanner's.
    @Test func agreesWhereALongLineReachesTheSentenceLimitInARun() {
        let lines = [
            "東京タワーは東京都港区芝公園にある総合電波塔であり、その高さは三百三十三メートルである",
            "東京タワーは東京都港区芝公園にある総合電波塔であり、その高さは三百三十三メートルである。",
            "ユーザーのデータ「設定」を保存しました ok 2024年 ユーザーのデータを保存しましたか？",
            "word 東京タワー word 東京タワー 東京都港区芝公園 Ελληνικά ΚΕΦΑΛΑΙΑ 東京 word",
            "ภาษาไทยไม่มีช่องว่างภาษาไทยไม่มีช่องว่าง ภาษาไทย",
            "東京タワーは東京都港区芝公園にある総合電波塔" + String(repeating: "であり", count: 40) + "」",
        ]
        Self.expectScannerKeys(lines + [lines.joined(separator: "\n")], limits: 1...12)
    }

    /// The distinct keys of `text` by the path without SIMD (`ctk_line_keys_portable`, or
    /// `ctk_line_keys_escaped_portable` for a JSON string's bytes whose only escapes are `\n`).
    static func portableKeys(_ text: inout String, sentenceWords: Int, newlinesEscaped: Bool = false) -> [UInt64] {
        text.withUTF8 { bytes in
            var found = [UInt64](repeating: 0, count: bytes.count / 2 + 1)
            let count = LineScanTables.shared.withTables {
                newlinesEscaped
                    ? ctk_line_keys_escaped_portable(bytes.baseAddress, bytes.count, $0, Int32(sentenceWords), &found)
                    : ctk_line_keys_portable(bytes.baseAddress, bytes.count, $0, Int32(sentenceWords), &found)
            }
            return Array(Set(found.prefix(count))).sorted()
        }
    }

    /// Long lines that end a sentence, whose words the pre-pass counts before it hashes any
    /// (`words_reach`): words opened after spaces, tabs and punctuation, in two- and three-byte
    /// scripts, runs of kana and kanji, astral letters, digits and marks, across 32-byte blocks
    /// and within the last 32 bytes of the text. At every limit the keys are the scanner's, with
    /// and without SIMD.
    @Test func countsTheWordsOfLongSentencesAsTheScanDoes() {
        let lines = [
            String(repeating: "Привет, мир! Это\tтекст (пример) ", count: 4) + "конец.",
            String(repeating: "東京タワーは東京都港区芝公園にある、", count: 3) + "塔である。",
            String(repeating: "word 東京 1984 Ελληνικά-λέξη «ok» ", count: 5) + "end?»",
            String(repeating: "a\u{0301}b c\u{0308}d 𠀋𠀋 😀x 2024年 ", count: 6) + "done!",
            String(repeating: "ภาษาไทย ไม่มีช่องว่าง ", count: 5) + "จบ.",
            String(repeating: "x", count: 40) + " " + String(repeating: "y ", count: 30) + ".",
            "one two three four five six seven eight nine ten eleven twelve.",
        ]
        var texts = lines + [lines.joined(separator: "\n"), lines.reversed().joined(separator: "\n") + "\n"]
        texts += lines.map { "head\n" + $0 }
        Self.expectScannerKeys(texts, limits: 1...24, portable: true)
    }

    /// A JSON string whose only escapes are newlines, keyed where the line holds it
    /// (`ctk_line_keys_escaped`): the keys of its text, with and without SIMD, with and without
    /// a sentence limit.
    @Test func keysATextWithItsNewlinesEscapedAsTheText() throws {
        var texts = try LineScanTests.seedsAndMultilingualTexts().filter { !$0.contains("\\") }
        texts += ["a\n\nb\n", "\n", "", "one two three four five.\n" + String(repeating: "東京タワー。", count: 12) + "\nx"]
        for text in texts {
            var text = text
            var escaped = text.replacingOccurrences(of: "\n", with: "\\n")
            for words in [0, 7, 20] {
                let expected = text.withUTF8 { LineKeys.distinct($0, sentenceWords: words) }
                let keys = escaped.withUTF8 { bytes in
                    var keys: [UInt64] = []
                    LineKeys.appendDistinct(bytes, newlinesEscaped: true, sentenceWords: words, tables: .shared, to: &keys)
                    return keys
                }
                #expect(keys == expected)
                #expect(Self.portableKeys(&escaped, sentenceWords: words, newlinesEscaped: true) == expected)
            }
        }
    }

    /// A document past the thread's reused buffer of keys (65,536) takes its own, and the next
    /// small one is right again.
    @Test func aLargeDocumentBetweenSmallOnes() {
        let small = "Share this\nFacebook\n東京タワー\n"
        let large = (0..<70_000).map { "line \($0)" }.joined(separator: "\n")
        #expect(Self.lineKeys(small) == Self.scannerKeys(small))
        #expect(Self.lineKeys(large) == Self.scannerKeys(large))
        #expect(Self.lineKeys(large).count == 70_000)
        #expect(Self.lineKeys(small) == Self.scannerKeys(small))
    }

    /// The shipped tables let the keys' scan count the ideographs U+5000...U+9FFF from their
    /// lead bytes and the kana from their bytes (`han_unspaced` bits 0 and 1, set where the
    /// tables are built), a table where one of them is not a letter of an unspaced script does
    /// not, and the keys are the same either way.
    @Test func ideographsAndKanaCountedFromTheirBytesGiveTheSameKeys() {
        #expect(LineScanTables.shared.withTables { $0.pointee.han_unspaced } == 3)
        var kinds = Array(UnsafeBufferPointer(start: ScalarKindTable.shared.entries, count: 0x10000))
        kinds[0x7000] = 0
        #expect(ctk_line_kinds_han_unspaced(kinds) == 2)
        kinds[0x30FA] = 0
        #expect(ctk_line_kinds_han_unspaced(kinds) == 0)
        let sentence = "東京都の人口は約千四百万人で、日本の首都として政治と経済の中心になっている。"
        let kana = "ゔゖぁあいうえおかきくけこさしすせそ、ァアイウエオカキクケコサシスセソヴヵヶヷヸヹヺ。"
        var text = [sentence, "天気予報", String(repeating: sentence, count: 3), "ホーム | ニュース", kana,
                    String(kana.prefix(10)) + "。", kana + kana].joined(separator: "\n")
        let n = text.utf8.count
        let keys = text.withUTF8 { bytes in
            LineScanTables.shared.withTables { shared in
                var lookedUp = shared.pointee
                lookedUp.han_unspaced = 0
                return [shared.pointee, lookedUp].map { tables in
                    var tables = tables
                    var keys = [UInt64](repeating: 0, count: n / 2 + 1)
                    let count = ctk_line_keys(bytes.baseAddress, n, &tables, 7, &keys)
                    return Array(keys[0..<count])
                }
            }
        }
        #expect(keys[0] == keys[1])
        #expect(keys[0].count == 3)
    }

    /// The keys of `text` by the path this processor runs (`ctk_line_keys`) and by the path
    /// without SIMD, with the shipped tables but `kinds` and `hanUnspaced`.
    static func keys(_ text: String, kinds: [UInt16], hanUnspaced: Int32, sentenceWords: Int32) -> (simd: [UInt64], portable: [UInt64]) {
        var text = text
        return text.withUTF8 { bytes in
            kinds.withUnsafeBufferPointer { kinds in
                var tables = LineScanTables.shared.withTables { $0.pointee }
                tables.kinds = kinds.baseAddress
                tables.han_unspaced = hanUnspaced
                var found = [UInt64](repeating: 0, count: bytes.count / 2 + 1)
                let count = ctk_line_keys(bytes.baseAddress, bytes.count, &tables, sentenceWords, &found)
                var portable = [UInt64](repeating: 0, count: bytes.count / 2 + 1)
                let portableCount = ctk_line_keys_portable(bytes.baseAddress, bytes.count, &tables, sentenceWords, &portable)
                return (Array(found.prefix(count)), Array(portable.prefix(portableCount)))
            }
        }
    }

    /// With a table where a kana (ア) is not a letter, `han_unspaced` clears bit 1 and the keys'
    /// scan looks the kana up: a line of twelve ア after one word has one word, not seven, and
    /// keeps its key. Counting the kana from their bytes all the same (bit 1 forced) would
    /// take the line for a sentence of seven words and lose the key. (The second line fills the
    /// text past the line's second block of 32 bytes, which the count from bytes reads; it
    /// has no key itself.)
    @Test func aKanaThatIsNotALetterTurnsTheKanaCountFromBytesOff() {
        var kinds = Array(UnsafeBufferPointer(start: ScalarKindTable.shared.entries, count: 0x10000))
        kinds[0x30A2] = 0
        let hanUnspaced = ctk_line_kinds_han_unspaced(kinds)
        #expect(hanUnspaced == 1)
        let text = "ab " + String(repeating: "ア", count: 12) + "。\none two three four five six seven eight nine ten."
        let looked = Self.keys(text, kinds: kinds, hanUnspaced: hanUnspaced, sentenceWords: 7)
        #expect(looked.simd == looked.portable)
        #expect(looked.portable.count == 1)
        let forced = Self.keys(text, kinds: kinds, hanUnspaced: 3, sentenceWords: 7)
        #expect(forced.portable == looked.portable)
        // Where the BMI2 kernels run (ctk_script_histogram_checked), so does the keys' AVX2 scan.
        if ctk_script_histogram_checked(0, 0) >= 0 { #expect(forced.simd.isEmpty) }
    }

    /// Lines of the kana's neighbours that the count from bytes must leave to the look-up
    /// (U+3040, U+3097...U+30A0, U+30FB...U+30FF, the half-width katakana) between the first and
    /// last kana of each range, their lead bytes at every position of a 32-byte block after
    /// 1...31 bytes of a word: at every limit from 1 to 30 the keys are the scanner's, with and
    /// without SIMD.
    @Test func countsTheKanaFromTheirBytesUpToTheirRangesEdges() {
        let line = String(repeating: "ぁゖ\u{3099}゛゜ゝゞゟ゠ァヺ・ーヽヾヿｦﾝ", count: 4) + "。"
        let lines = [line] + (1...31).map { String(repeating: "x", count: $0) + " " + line }
        let texts = lines + [lines.joined(separator: "\n")]
        Self.expectScannerKeys(texts, limits: 1...30, portable: true)
    }

    /// A line of three words ending in each ASCII byte but the newline, right after a word or
    /// after a full stop (which a closer or white space leaves the line's end): whether it ends
    /// a sentence is the scanner's, so at a limit of two words its key is the scanner's.
    @Test func tellsASentenceEndByEachASCIIByteAsTheScannerDoes() {
        for byte in UInt8(0x01)...0x7F where byte != 0x0A {
            let last = String(UnicodeScalar(byte))
            for text in ["one two three" + last, "one two three." + last, "東京 タワー 塔" + last] {
                var text = text
                let keys = text.withUTF8 { LineKeys.distinct($0, sentenceWords: 2) }
                #expect(keys == Self.scannerKeys(text, sentenceWords: 2), "\(byte)")
                #expect(Self.portableKeys(&text, sentenceWords: 2) == keys, "\(byte)")
            }
        }
    }

    @Test func aLineKeyIgnoresCaseSpacingAndPunctuation() {
        #expect(Self.lineKeys("Share this: Facebook | Twitter") == Self.lineKeys("  SHARE THIS   facebook, twitter!"))
        #expect(Self.lineKeys("Share this: Facebook") != Self.lineKeys("Share this: Twitter"))
        #expect(Self.lineKeys("a\nb\na\n\n--\n") .count == 2)
    }
}
