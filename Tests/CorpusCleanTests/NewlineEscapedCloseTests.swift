import CTextKit
import Testing

/// `ctk_json_newline_escaped_close_checked` reads 32 bytes at a time while 33 are left (AVX2)
/// and the rest byte by byte, checking the UTF-8 of the bytes before the close as it goes: on
/// strings long enough for the blocks, it must answer as its portable twin, as the rule read
/// here byte by byte and as `ctk_utf8_check`, wherever a block boundary falls.
@Suite struct NewlineEscapedCloseTests {
    /// The closing quote of the string from `from`, or `end` (escapes other than \n, raw
    /// control characters, no closing quote).
    static func expectedClose(_ bytes: [UInt8], from: Int) -> Int {
        var i = from
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""): return i
            case 0..<0x20: return bytes.count
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "n") else { return bytes.count }
                i += 2
            default: i += 1
            }
        }
        return bytes.count
    }

    /// Descriptions of the disagreements of the two paths and the rule on `line` read from `from`.
    /// (The UTF-8 answers are 9 where there is no close to check before.)
    static func disagreements(_ line: [UInt8], from: Int) -> [String] {
        let (simd, portable, expected) = line.withUnsafeBufferPointer { buffer in
            var utf8: (simd: Int32, portable: Int32) = (9, 9)
            let close = (ctk_json_newline_escaped_close_checked(buffer.baseAddress, from, buffer.count, &utf8.simd),
                         ctk_json_newline_escaped_close_checked_portable(buffer.baseAddress, from, buffer.count, &utf8.portable))
            let expected = expectedClose(line, from: from)
            let check = expected < buffer.count ? ctk_utf8_check(buffer.baseAddress! + from, expected - from) : 9
            return ((close.0, utf8.simd), (close.1, utf8.portable), (expected, check))
        }
        guard simd != expected || portable != expected else { return [] }
        return ["\(line.debugDescription) from \(from): SIMD \(simd), portable \(portable), expected \(expected)"]
    }

    /// A line `{"text":"` + `inside` + the rest of a record, the string read from its first byte.
    static func record(_ inside: [UInt8], after: [UInt8]) -> (line: [UInt8], from: Int) {
        let head = Array(#"{"text":""#.utf8)
        return (head + inside + after, head.count)
    }

    static let closing = Array(#"", "id": "d1"}"#.utf8)
    static let closingWithTabs = Array("\",\t\"id\":\"\t\"}".utf8)

    /// Each shape put at every offset 0-64 of strings of 33 to 100 letters: a backslash before
    /// n, a backslash, a quote or an escaped backslash and n (so split across each block
    /// boundary), a raw control character before the closing quote, and a closing quote
    /// followed in its block by tabs between the fields.
    @Test func bothPathsAgreeWhereverTheBlocksPart() {
        let shapes: [[UInt8]] = [
            Array(#"\n"#.utf8), Array(#"\\"#.utf8), Array(#"\""#.utf8), Array(#"\\n"#.utf8), Array(#"\n\n"#.utf8),
            Array(#"\n\"#.utf8), [0x01], [0x09], [0x1F], [0x7F], [0xC3, 0xA9], Array(#"\n""#.utf8),
            // UTF-8 across a block boundary, cut short by the quote, or not well-formed.
            Array("日本".utf8), Array("😀".utf8), [0xE6, 0x97, 0xA5, 0x22], [0xF0, 0x9F, 0x98, 0x22], [0xC3, 0x22],
            [0xE6, 0x97], [0xF0, 0x9F, 0x98], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        ]
        var found: [String] = []
        for length in [33, 34, 40, 63, 64, 65, 66, 96, 97, 100] {
            for offset in 0...64 {
                for shape in shapes where offset + shape.count <= length {
                    var inside = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
                    inside.replaceSubrange(offset..<offset + shape.count, with: shape)
                    for after in [Self.closing, Self.closingWithTabs, []] {
                        let (line, from) = Self.record(inside, after: after)
                        found += Self.disagreements(line, from: from)
                    }
                }
                // The closing quote at the offset, the fields after it in the same block.
                let inside = (0..<offset).map { UInt8(ascii: "a") + UInt8($0 % 26) }
                for after in [Self.closingWithTabs, Self.closing] {
                    let padding = [UInt8](repeating: UInt8(ascii: " "), count: max(0, length - offset - after.count))
                    let (line, from) = Self.record(inside, after: after + padding)
                    found += Self.disagreements(line, from: from)
                }
                // A control character just before a closing quote at the offset.
                if offset > 0 {
                    var controlled = inside
                    controlled[offset - 1] = 0x0A
                    let (line, from) = Self.record(controlled, after: Self.closing + Array(repeating: UInt8(ascii: " "), count: length))
                    found += Self.disagreements(line, from: from)
                }
            }
        }
        #expect(found.count == 0, "\(found.prefix(5))")
    }

    /// Random strings of letters with now and then a backslash, n, a quote, a control
    /// character or a byte of a longer UTF-8 sequence, read from offsets 0 to 64.
    @Test func bothPathsAgreeOnRandomStrings() {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let rare: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "\""), 0x00, 0x09,
                             0x0A, 0x1F, 0x20, 0x7F, 0x80, 0xC3, 0xE6, 0xFF]
        // Well-formed sequences of two, three and four bytes, most of the time.
        let wide: [[UInt8]] = [Array("é".utf8), Array("日".utf8), Array("ー".utf8), Array("😀".utf8)]
        var found: [String] = []
        for _ in 0..<4_000 {
            let from = next(65)
            let length = from + 33 + next(68)
            let rate = 4 + next(60)
            var line: [UInt8] = []
            line.reserveCapacity(length)
            for _ in 0..<length {
                if next(rate) == 0 {
                    line.append(rare[next(rare.count)])
                } else if next(4) == 0 {
                    line.append(contentsOf: wide[next(wide.count)])
                } else if next(8) == 0 {
                    line.append(contentsOf: Array(#"\n"#.utf8))
                } else {
                    line.append(UInt8(ascii: "a") + UInt8(next(26)))
                }
            }
            found += Self.disagreements(line, from: from)
        }
        #expect(found.count == 0, "\(found.prefix(5))")
    }
}
