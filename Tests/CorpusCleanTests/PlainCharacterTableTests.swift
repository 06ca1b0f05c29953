import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// The vector scan of `PlainCharacterTable` stops where its definition, character by
/// character, says the cleaner has something to look at: every kind of character that is not
/// plain, at every offset in and across its 32-byte blocks, among characters of the scripts
/// that its lookups by second and third byte pass over.
@Suite struct PlainCharacterTableTests {
    static let plain = ["a", "Z", " ", "\t", "x\n", "あ", "ア", "る", "、", "」", "中", "한", "é", "ß", "д", "α", "—", "’", "…",
                        "क", "ि", "ก", "ا", "ש", "Ａ", "\u{E000}"]
    static let notPlain = ["\u{3000}", "\u{3099}", "&", "\r", "\u{7}", "\u{1B}", "\u{7F}", "\u{301}", "\u{A0}", "\u{AD}", "\u{200B}",
                           "\u{2028}", "\u{202E}", "\u{FEFF}", "\u{F900}", " \n", "\t\n", "😀", "\u{93C}", "\u{94D}", "\u{E38}",
                           "\u{E48}", "\u{85}", "\u{2000}", "\u{205F}", "\u{1680}", "\u{340}", "\u{387}"]

    /// The first index at or after `start` that is not plain, by the definition.
    static func expectedSpan(_ bytes: [UInt8], from start: Int, options: NormalizeOptions) -> Int {
        let quickCheck = NormalizationQuickCheck.of(options.form)
        var fixes = FixCounts()
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                let passes: Bool
                switch b {
                case 0x0A: passes = i > start && bytes[i - 1] != 0x20 && bytes[i - 1] != 0x09
                case 0x09, 0x20...0x25, 0x27...0x7E: passes = true
                case 0x26: passes = !options.htmlEntities
                case 0x0D: passes = !options.lineEndings
                default: passes = !options.removeControls
                }
                guard passes else { return i }
                i += 1
                continue
            }
            let scalar = String(decoding: bytes[i...], as: UTF8.self).unicodeScalars.first!
            let v = scalar.value
            guard v < 0x10000, quickCheck.classOf(v) == 0, !TextCleaner.isBidiControl(v),
                  TextCleaner.action(for: scalar, options: options, &fixes) == nil else { return i }
            i += String(scalar).utf8.count
        }
        return i
    }

    @Test(arguments: [false, true])
    func vectorScanStopsWhereTheDefinitionDoes(_ otherOptions: Bool) {
        var options = NormalizeOptions.defaults
        if otherOptions {
            options.htmlEntities = false
            options.foldQuotes = true
            options.form = .nfkc
        }
        let table = PlainCharacterTable.of(options)
        var checked = 0
        for (k, odd) in Self.notPlain.enumerated() {
            for offset in 0..<70 {
                // Plain characters of several scripts (a different mix for each case), the odd
                // one, then more plain text.
                var text = ""
                for m in 0..<offset { text += Self.plain[(m * 7 + k + offset) % Self.plain.count] }
                text += odd
                for m in 0..<40 { text += Self.plain[(m * 5 + k) % Self.plain.count] }
                let bytes = Array(text.utf8)
                bytes.withUnsafeBufferPointer { src in
                    for start in [0, 1, String(text.unicodeScalars.first!).utf8.count] where start < bytes.count {
                        // Start at a character boundary.
                        guard start == 0 || bytes[start] & 0xC0 != 0x80 else { continue }
                        #expect(table.span(src, from: start) == Self.expectedSpan(bytes, from: start, options: options),
                                "\(odd.unicodeScalars.map { String($0.value, radix: 16) }) at \(offset) from \(start)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 2000)
    }
}
