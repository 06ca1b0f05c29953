import CTextKit
import Foundation
import Testing
@testable import CorpusCleanStages

/// cld2_shim.cpp's script scanner, which libcld2's own calls reach instead of its slower one,
/// cuts and lower-cases the spans libcld2's scanner does: the same text, lower-cased text,
/// script, offsets and offset maps.
@Suite struct CLD2ScannerTests {
    static let texts: [String] = [
        "The quick brown fox jumps over the lazy dog.",
        "Gbogbo ènìyàn ni a bí ní òmìnira; iyì àti ẹ̀tọ́ kọ̀ọ̀kan sì dọ́gba.",
        // Scripts in turn, a lone letter of another script, digits, marks, tags and entities.
        "Москва — столица России; Berlin ist die Hauptstadt. x Ωmega AΩB abcΩΩdef 2024 <b>bold</b> &amp; &eacute;",
        "日本語のテキストです。INSERT ... ON CONFLICT DO NOTHING を使う。한국어 문장도 있다.",
        "שלום עולם مرحبا بالعالم नमस्ते दुनिया สวัสดีชาวโลก 😀 𝐀𝐁𝐂 𐐀𐐁 \u{200D}\u{FEFF}",
        "",
        "1234 !!! ... ---",
        // Upper case in every script that has it, one-byte to three-byte, in runs of sixteen
        // bytes and alone; İ lowers to two code points (libcld2 lowers that span itself).
        "ÀÉÎÕÜ ÇÑ ĀĒĪŌŪ ŁŚŹŻ ΑΒΓΔ ΆΈΉ АБВГД ЁЂЃ ԱԲԳ ႠႡႢ ḀḂḄ ẞ ὈὉ ΩKÅ ⅠⅡ ⒶⒷ ⰀⰁ ⲀⲂ ꙀꙂ ꜢꜤ ＡＢＣ",
        "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG, ÉTÉ À PARIS, GROẞE STRAẞE",
        "İstanbul İzmir DİYARBAKIR",
        "日本語の文章にABCとＡＢＣが混ざる。ΑΒΓ ΑΒΓ ÄÖÜ",
        // Past a scanner buffer (40,928 bytes): the span is cut and the next one goes on.
        String(repeating: "Lorem ipsum dolor sit amet, ünïcödé καλημέρα мир. ", count: 1_800),
    ]

    @Test(arguments: texts.indices)
    func spansAreLibcld2s(_ i: Int) {
        let text = Self.texts[i]
        // A C string: CLD2 reads a character past the end, the NUL.
        let spans = text.withCString { ctk_cld2_scanner_spans($0, Int32(text.utf8.count)) }
        #expect(spans >= 0, "the scanners differ on text \(i)")
        #expect((spans > 0) == text.unicodeScalars.contains { $0.properties.isAlphabetic }, "\(spans) spans")
    }

    /// cld2_shim.cpp's quadgram, octagram and CJK bigram look-ups, which libcld2's scoring reaches
    /// instead of its own, give the same hits: the same grams found, in the same order, at the same
    /// offsets, the same repeats left out, and the buffer full at the same place (the long Latin
    /// texts fill the quadgram buffer: a thousand hits; the octagram and bigram buffers are
    /// filled by `hitsStopWhereLibcld2sDo` and `biHitsStopWhereLibcld2sDo`).
    @Test(arguments: (texts + hitTexts).indices)
    func hitsAreLibcld2s(_ i: Int) {
        let text = (Self.texts + Self.hitTexts)[i]
        var checked: Int32 = 0
        let differing = text.withCString { ctk_cld2_hits_checked($0, Int32(text.utf8.count), &checked) }
        #expect(differing == 0, "\(differing) of \(checked) look-ups differ on text \(i)")
        if text.utf8.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) { #expect(checked > 0, "Latin text is looked up") }
        if text.unicodeScalars.contains(where: { $0.properties.isIdeographic }) { #expect(checked > 0, "CJK text is looked up") }
    }

    /// cld2_shim.cpp's octagram and CJK bigram walks stop on a full delta or distinct buffer where
    /// libcld2's do, with the same hits and end, in the shipped tables: CLD2 starts them on an
    /// emptied buffer whose span ends at a thousand quadgram or unigram hits, which texts hardly
    /// fill, so the check starts copies of each call's buffer at and a few hits short of the
    /// limits. The word walks of texts 2–4 must stop before the span's end (the repeated texts'
    /// words are squeezed out; the CJK texts find no bigram in the shipped tables).
    @Test(arguments: hitTexts.indices)
    func hitsStopWhereLibcld2sDo(_ i: Int) {
        let text = Self.hitTexts[i]
        var checked: Int32 = 0, stopped: Int32 = 0
        let differing = text.withCString { ctk_cld2_hits_near_full_checked($0, Int32(text.utf8.count), &checked, &stopped) }
        #expect(differing == 0, "\(differing) of \(checked) walks started near full differ on text \(i)")
        #expect(checked > 0, "text \(i) is walked")
        if (2...4).contains(i) { #expect(stopped > 0, "a walk of text \(i) stops on a full buffer before its end") }
    }

    /// cld2_shim.cpp's CJK bigram walk stops on a full delta or distinct buffer where libcld2's
    /// does, with the same hits and end. The shipped bigram tables find no bigram of the test
    /// texts, so this walks random texts into tables that every other bigram hits, from counts
    /// empty or a few hits short of the limits; many of the walks must stop before their end.
    @Test func biHitsStopWhereLibcld2sDo() {
        var stopped: Int32 = 0
        #expect(ctk_cld2_bi_hits_checked(5, 4_000, &stopped) == 0)
        #expect(stopped > 1_000, "\(stopped) walks stop on a full buffer")
    }

    /// The inline quadgram and octagram hashes are libcld2's QuadHashV2 and OctaHash40 on grams
    /// of every length up to 35 bytes, spaces before, after and inside them, the inline
    /// word-pair hash is its PairHash, and the inline CJK bigram hash is its BiHashV2 on grams of
    /// up to 8 bytes.
    @Test func hashesAreLibcld2s() {
        #expect(ctk_cld2_hashes_checked(11, 200_000) == 0)
    }

    /// Texts whose words repeat, run past eight letters, mix ASCII and other letters within a
    /// word and sit at every offset of a sixteen-byte block.
    static let hitTexts: [String] = [
        "Die Donaudampfschifffahrtsgesellschaftskapitänsmütze, das das das die die der, übergroße Straßenbahnhaltestellen und Geschwindigkeitsbegrenzungen.",
        "a ab abc abcd abcde abcdef abcdefg abcdefgh abcdefghi abcdefghij abcdefghijklmnopq abcdefghijklmnopqrstuvwxyzabcdef x",
        "Příliš žluťoučký kůň úpěl ďábelské ódy; Zażółć gęślą jaźń; Árvíztűrő tükörfúrógép; ÆØÅæøå smørrebrød",
        "Съешь же ещё этих мягких французских булок, да выпей чаю. Ελληνικά γράμματα και λέξεις, again English words here",
        (0..<300).map { ["the", "language", "of", "stage", "identifies", "documents", "Wörter", "und", "Sätze", "hyvää", "päivää"][$0 % 11] + String(repeating: "x", count: $0 % 13) }.joined(separator: " "),
        String(repeating: "Het is een mooie dag in Amsterdam, en de fietsers rijden langs de grachten. ", count: 120),
        // CJK bigrams (two characters of three or four bytes), in runs broken by Latin letters,
        // punctuation and digits; the long ones fill the unigram buffer (a thousand hits).
        "中华人民共和国是一个位于东亚的国家。日本語の文章です、𠀀𠀁漢字。한국어 문장 ABC 二〇二四年",
        String(repeating: "今天天气很好，我们一起去公园散步吧。北京是中国的首都，有很多名胜古迹。", count: 80),
        String(repeating: "日本の首都は東京です。漢字と仮名を使って書きます。", count: 120),
    ]

    /// cld2_shim.cpp's Tote::CurrentTopThreeKeys, which CLD2's chunk scoring reaches instead of
    /// libcld2's, gives the same three keys (the lower key first on a tie) for totes built as
    /// CLD2's scoring builds them: few keys or many, ties frequent or rare.
    @Test func topThreeKeysAreLibcld2s() {
        #expect(ctk_cld2_tote_checked(7, 200_000) == 0)
    }

    /// cld2_shim.cpp's AddLangProb and ProcessProbV2Tote, which CLD2's chunk scoring reaches
    /// instead of libcld2's, leave the same scores in a tote as libcld2's ProcessProbV2Tote for
    /// hits drawn as CLD2's scoring adds them, every probability byte among them.
    @Test func langProbsAreLibcld2s() {
        #expect(ctk_cld2_lang_prob_checked(11, 200_000) == 0)
    }

    /// CLD2.detect's codes, taken from `CLD2.codes` by Language number, are the codes that
    /// ctk_detect_language writes as text, for the answers and for every span.
    @Test(arguments: (texts + hitTexts).indices)
    func detectionCodesAreTheCText(_ i: Int) {
        let text = (Self.texts + Self.hitTexts)[i]
        var result = ctk_lang_result()
        let chunks = UnsafeMutableBufferPointer<ctk_lang_chunk>.allocate(capacity: CLD2.chunkCapacity)
        defer { chunks.deallocate() }
        _ = text.withCString { ctk_detect_language($0, Int32(text.utf8.count), 1, nil, &result, chunks.baseAddress, Int32(CLD2.chunkCapacity)) }
        func string<T>(_ code: T) -> String {
            withUnsafeBytes(of: code) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
        }
        let detection = CLD2.detect(text, bestEffort: true)
        #expect(detection.languages.map(\.code) == [string(result.code.0), string(result.code.1), string(result.code.2)])
        #expect(detection.languages.map(\.language) == [result.language.0, result.language.1, result.language.2].map(Int.init))
        let count = min(Int(result.chunk_count), CLD2.chunkCapacity)
        #expect(detection.chunks.map(\.code) == chunks.prefix(count).map { string($0.code) })
        #expect(detection.chunks.map(\.language) == chunks.prefix(count).map { Int($0.language) })
    }

    /// Every Language number's code in `CLD2.codes` is the one ctk_detect_language writes.
    @Test func codesAreTheCText() {
        #expect(CLD2.codes.count == Int(ctk_cld2_language_count()))
        for index in CLD2.codes.indices {
            if let recognized = ctk_cld2_recognized_language(Int32(index)) {
                #expect(CLD2.codes[index] == String(String(cString: recognized).utf8.prefix(7))!, "\(index)")
            }
        }
        #expect(CLD2.codes[26] == "un")
    }

    /// cld2_shim.cpp's DocTote::Sort, which DetectLanguageSummaryV2 reaches instead of
    /// libcld2's, leaves every byte of the tote as libcld2's does.
    @Test func docToteSortIsLibcld2s() {
        #expect(ctk_cld2_doc_tote_checked(11, 200_000) == 0)
    }

    /// cld2_shim.cpp's LanguageCloseSet, which RefineScoredClosePairs reaches instead of
    /// libcld2's, answers every Language number as libcld2's does.
    @Test func closeSetsAreLibcld2s() {
        #expect(ctk_cld2_close_sets_checked() == 0)
    }

    /// cld2_shim.cpp's OffsetMap::MapBack, which SummaryBufferToVector reaches instead of
    /// libcld2's, answers every query and leaves the map as libcld2's does.
    @Test func mapBackIsLibcld2s() {
        #expect(ctk_cld2_map_back_checked(13, 200_000) == 0)
    }

    /// The binary exports its scanner and tote look-up, so that libcld2's calls (through its
    /// PLT) bind to them.
    @Test func theBinaryExportsTheScanner() throws {
        let symbols = try TestSupport.runShell("nm -D --defined-only '\(TestSupport.binary.path)'")
        #expect(symbols.contains("_ZN4CLD213ScriptScanner16GetOneScriptSpanEPNS_8LangSpanE"))
        #expect(symbols.contains("_ZN4CLD213ScriptScanner21GetOneScriptSpanLowerEPNS_8LangSpanE"))
        #expect(symbols.contains("_ZNK4CLD24Tote19CurrentTopThreeKeysEPi"))
        #expect(symbols.contains("_ZN4CLD27DocTote4SortEi"))
        #expect(symbols.contains("_ZN4CLD216LanguageCloseSetENS_8LanguageE"))
        #expect(symbols.contains("_ZN4CLD29OffsetMap7MapBackEi"))
        #expect(symbols.contains("_ZN4CLD211GetQuadHitsEPKciiPNS_14ScoringContextEPNS_16ScoringHitBufferE"))
        #expect(symbols.contains("_ZN4CLD211GetOctaHitsEPKciiPNS_14ScoringContextEPNS_16ScoringHitBufferE"))
        #expect(symbols.contains("_ZN4CLD29GetBiHitsEPKciiPNS_14ScoringContextEPNS_16ScoringHitBufferE"))
    }
}
