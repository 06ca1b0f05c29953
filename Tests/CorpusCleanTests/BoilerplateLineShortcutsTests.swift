import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// The rules on one line that step over bytes eight at a time (`ByteSearch`) or skip a line by
/// the scan's counts: the same answers as the byte-by-byte reading.
@Suite struct BoilerplateLineShortcutsTests {
    /// Lines with spaces before, at and past each of the first 8 bytes' positions, none, and
    /// bytes outside ASCII (0xA0 and 0x21 differ from a space by one bit each).
    static let lines: [String] = [
        "", " ", "a", "ab cd", "abcdefg h", "abcdefgh ij", "abcdefghi jk", "abcdefghijklmnopq r", "abcdefghijklmnopqr",
        "\u{00A0}\u{00A0}\u{00A0}\u{00A0} x", "!!!!!!!! !", "日本語のテキスト です", "日本語のテキストです", "a b", "        ",
        "jane.doe@example.com", "https://example.com/a", "www.example.com", "img_2041-final", "ypj-milicias-kurdas",
        "山田@example.com", "山田@example", "山田 @example.com", "Ünïcödé-slug", "https://ja.wikipedia.org/wiki/日本",
    ]

    @Test func theFirstSpaceIsTheOneAByteByByteSearchFinds() {
        for line in Self.lines {
            let bytes = Array(line.utf8)
            bytes.withUnsafeBufferPointer { t in
                for from in 0...t.count {
                    let expected = t[from...].firstIndex(of: 0x20) ?? t.count
                    #expect(ByteSearch.firstSpace(t, from: from) == expected, "\(line) from \(from)")
                }
                if t.count >= 8 {
                    #expect(ByteSearch.spaceInFirst8(t.baseAddress!) == t.prefix(8).contains(0x20), "\(line)")
                }
            }
        }
    }

    /// The rule as it reads: no space; an address (a "." and an "@", a scheme or "www.") or
    /// lowercase ASCII words joined by "-" or "_".
    static func isSlugByTheRule(_ t: [UInt8]) -> Bool {
        guard t.count >= 5, !t.contains(0x20) else { return false }
        let address = t.contains(0x2E) && (t.contains(0x40) || t.starts(with: Array("http".utf8)) || t.starts(with: Array("www.".utf8)))
        let slug = t.allSatisfy { $0 &- 0x61 < 26 || $0 &- 0x30 < 10 || $0 == 0x2D || $0 == 0x5F }
            && t.contains { $0 == 0x2D || $0 == 0x5F } && t.count(where: { $0 &- 0x61 < 26 }) >= 3
        return address || slug
    }

    @Test func slugsAreTheLinesTheRuleDescribes() {
        for line in Self.lines {
            let bytes = Array(line.utf8)
            let answer = bytes.withUnsafeBufferPointer { SlugPass.isSlug($0) }
            #expect(answer == Self.isSlugByTheRule(bytes), "\(line)")
            // Told that its text has no "@" (a page without one), a line without one is judged alike.
            if !bytes.contains(0x40) {
                #expect(bytes.withUnsafeBufferPointer { SlugPass.isSlug($0, mayHaveAt: false) } == answer, "\(line)")
            }
        }
    }

    @Test func anAuthorsBioHasTheLettersItIsSkippedWithout() {
        #expect(EndMarkers.bioLetters == "isa".count + EndMarkers.roleWords.map(\.utf8.count).min()!)
        // Bios whose names are in other scripts, and lines of unspaced scripts that are none.
        let bios = ["山田 太郎 is a staff member of the newspaper in Tokyo since 2019.",
                    "Иван Петров is a freelance writer based in Moscow and Berlin.",
                    "Jane Doe (@janedoe) is a freelance writer based in Beirut, Lebanon."]
        let others = ["山田 太郎 は東京の新聞社のスタッフとして二〇一九年から記事を書いている記者です",
                      "山田 太郎 is 東京の新聞社のスタッフとして二〇一九年から記事を書いている記者です"]
        for (line, expected) in bios.map({ ($0, EndMarkerKind.strong) }) + others.map({ ($0, nil) }) {
            var text = line
            let kind = text.withUTF8 { bytes in
                let scan = LineScanner(bytes)
                return EndMarkers.kind(scan.lines[0], bytes)
            }
            #expect(kind == expected, "\(line)")
        }
    }
}
