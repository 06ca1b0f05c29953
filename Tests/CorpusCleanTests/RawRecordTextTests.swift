import Foundation
import Testing
@testable import CorpusCleanCore

/// The corpus pre-pass reads a record's text with `RawRecord.text()`, which scans a line
/// without building its other fields: it must give exactly what the full parse gives, the
/// document's text, and "" wherever the full parse makes an error document.
@Suite struct RawRecordTextTests {
    private static func line(_ parts: Any...) -> [UInt8] {
        parts.flatMap { part -> [UInt8] in
            if let text = part as? String { return Array(text.utf8) }
            return (part as! [Int]).map { UInt8($0) }
        }
    }

    /// Records of every shape the record rules tell apart, and escapes and bytes the string
    /// reader must decode or refuse alike.
    private static let tricky: [[UInt8]] = {
        var lines: [[UInt8]] = [
            line(#"{"id": "a", "text": "tab\there \"q\" \\ \/ \b\f\n\r \u00e9 \u65E5\u672c"}"#),
            line(#"{"id": "b", "text": "pair \ud83d\ude00, lone high \ud83d x, lone low \ude00 y"}"#),
            line(#"{"id": "c", "text": "high then other \uD83D\u0041 and high at the end \ud83d"}"#),
            line(#"{"id": "d", "text": "high then short \ud83d\u00"}"#),
            line(#"{"id": "e", "text": "high then bad hex \ud83d\uZZZZ"}"#),
            line(#"{"id": "f", "text": "bad escape \x"}"#),
            line(#"{"id": "g", "meta": "bad escape \q", "text": "fine"}"#),
            line(#"{"id": "h", "text": "ok", "meta": "control "#, [0x01], #""}"#),
            line(#"{"id": "i", "text": "日本語のテキスト。\n二行目です。"}"#),
            line(#"{"id": "j", "text": "invalid "#, [0xFF], #" byte"}"#),
            line(#"{"id": "k", "text": "truncated "#, [0xE6, 0x97], #""}"#),
            line(#"{"id": "l", "text": "truncated before an escape "#, [0xE6, 0x97], #"\u00e9"}"#),
            line(#"{"id": "m", "text": "overlong "#, [0xC0, 0x80], #""}"#),
            line(#"{"id": "n", "text": "surrogate "#, [0xED, 0xA0, 0x80], #""}"#),
            line(#"{"id": "o", "text": "past U+10FFFF "#, [0xF4, 0x90, 0x80, 0x80], #""}"#),
            line(#"{"id": "p", "text": "lone continuation "#, [0x80], #" and more"}"#),
            line(#"{"id": "q", "text": "four bytes "#, [0xF0, 0x9F, 0x98, 0x80], #" fine"}"#),
            line(#"{"id": "r", "meta": "invalid in another field "#, [0xFE], #"", "text": "fine"}"#),
            line(#"{"id": "s", "text": "fine", "me"#, [0xC3], #"": "invalid in a key"}"#),
            line(#"{"id": "t", "meta": {"deep": ["x", "#, [0xED, 0xBF, 0xBF], #""]}, "text": "fine"}"#),
            line(#"{"id": "u"}"#),
            line(#"{"id": "v", "text": 12}"#),
            line(#"{"id": "w", "text": null}"#),
            line(#"{"id": "x", "text": {"text": "inner"}}"#),
            line(#"{"id": "y", "text": ["a"]}"#),
            line(#"{"id": "z", "text": ""}"#),
            line(#"{"id": "aa", "text": "  \n\t "}"#),
            line(#"{"id": "ab", "text": "\u00a0\u3000"}"#),
            line(#"{"id": "ac", "text": "one", "text": "two"}"#),
            line(#"{"id": "ad", "text": "one", "id": "ae"}"#),
            line(#"{"id": "af", "text": "one", "te\u0078t": "two"}"#),
            line(#"{"id": "ag", "text": "one", "\u00e9": 1, "e\u0301": 2}"#),
            line(#"{"id": "ah", "text": "one", "K": 1, "\u212a": 2}"#),
            line(#"{"id": "ai", "meta": {"a": [1, -2.5e+3, {"text": "inner"}, [true, false, null]], "text": "x", "k": 1, "k": 2}, "text": "outer"}"#),
            line(#"{"meta": [[], {}, [{}], ""], "text": "no id, after empty containers"}"#),
            line(#"{"id": 17, "text": "numeric id"}"#),
            line(#"  {"id": "aj", "text": "space around"}  "#),
            line(#"{"id": "ak", "text": "after a CR"}"#, [0x0D]),
            line(#"{"text": "first", "id": "al"}"#),
            line(#"{}"#),
            line(#"[1, 2]"#),
            line(#""text""#),
            line(#"42"#),
            line(#"null"#),
            line(#"{"id": "am", "text": "trailing"} x"#),
            line(#"{"id": "an", "text": "trailing comma",}"#),
            line(#"{"id": "ao" "text": "no comma"}"#),
            line(#"{"id": "ap", "text" "no colon"}"#),
            line(#"{"id": "aq", "meta": {"unterminated": [1, 2}, "text": "x"}"#),
            line(#"{"id": "ar", "n": 01, "text": "x"}"#),
            line(#"{"id": "as", "n": 1., "text": "x"}"#),
            line(#"{"id": "at", "n": -, "text": "x"}"#),
            line(#"{"id": "au", "n": 1e, "text": "x"}"#),
            line(#"{"id": "av", "b": tru, "text": "x"}"#),
            line(#"{"id": "aw", "text": "x", "meta": 5}"#),
            line(#"{"id": "ax", "text": "x", "meta": {"k": 1}}"#),
            line(#"{"id": "ay", "text": "x", "meta": "string"}"#),
            line(#"{"id": "az", "text": "unterminated"#),
            line(#"{"id": "ba", "text": "x""#),
            line(#"{"id": "bb", "text": "x"#, [0x5C]),
        ]
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        lines.append(line(#"{"id": "bc", "meta": "#, deep, #", "text": "too deep before"}"#))
        let shallow = String(repeating: "[", count: 510) + String(repeating: "]", count: 510)
        lines.append(line(#"{"id": "bd", "meta": "#, shallow, #", "text": "deep enough"}"#))
        return lines
    }()

    private static func expected(_ parser: JSONLRecordParser, _ line: [UInt8]) -> String {
        let document = parser.parse(line, ordinal: 0, source: "t:1")
        return document.readError == nil ? document.text : ""
    }

    @Test func textIsTheFullParsesOnTrickyRecords() {
        var kept: [String?: Int] = [:]
        for annotationField in [nil, "meta", "text"] {
            let parser = JSONLRecordParser(idField: "id", textField: "text", annotationField: annotationField)
            for line in Self.tricky {
                let text = parser.text(of: line)
                #expect(text == Self.expected(parser, line), "\(String(decoding: line, as: UTF8.self))")
                if !text.isEmpty { kept[annotationField, default: 0] += 1 }
            }
        }
        // A "meta" that is not an object is an error (the record without an id, aw, ay, bd); a text never is one.
        // The records with a text: a, b, c, i, q, ai, the one without an id, 17, aj, ak, al, aw, ax, ay, bd.
        #expect(kept[nil] == 15)
        #expect(kept["meta", default: 0] == kept[nil, default: 0] - 4)
        #expect(kept["text"] == nil)
        let parser = JSONLRecordParser(idField: "id", textField: "text", annotationField: nil)
        #expect(parser.text(of: Self.tricky[1]) == "pair \u{1F600}, lone high \u{FFFD} x, lone low \u{FFFD} y")
        #expect(parser.text(of: Self.tricky[2]) == "high then other \u{FFFD}A and high at the end \u{FFFD}")
        #expect(parser.text(of: Self.tricky[33]) == "outer")
    }

    /// The pre-pass keys a record's text bytes where the scan leaves them: the line's own, or
    /// unescaped in one scratch that the batch's records share, which no later key of the same
    /// record may overwrite.
    @Test func textBytesInASharedScratchAreTheTexts() {
        let parser = JSONLRecordParser(idField: "id", textField: "text", annotationField: nil)
        let scratch = UnescapeScratch(capacity: 64)
        let lines = Self.tricky + [Self.line(#"{"text": "esc\u00e9aped", "k\u0065y": "v\u00e9", "id": "x"}"#)]
        for (number, line) in lines.enumerated() {
            let record = RawRecord(line: line[...], parser: parser, label: "t", number: number + 1, ordinal: number, position: nil)
            let bytes = record.withText(scratch: scratch) { text, newlinesEscaped in
                newlinesEscaped ? JSONStringBytes.unescapingNewlines(text) : Array(text)
            }
            #expect(bytes == Array(Self.expected(parser, line).utf8), "\(String(decoding: line, as: UTF8.self))")
        }
        #expect(parser.withText(of: lines.last![...], scratch: scratch, keepingNewlineEscapes: false) { text, _ in Array(text) }
                == Array("escéaped".utf8))
    }

    /// A text whose only escapes are newlines reaches the pre-pass as the line holds it, not
    /// copied: the same text once its escapes are read, blank and refused alike; any other
    /// escape (\u000a too) is read as before.
    @Test func aTextWhoseOnlyEscapesAreNewlinesIsLeftAsTheLineHoldsIt() {
        let parser = JSONLRecordParser(idField: "id", textField: "text", annotationField: nil)
        let scratch = UnescapeScratch(capacity: 64)
        let lines = Self.tricky + [
            Self.line(#"{"id": "x", "text": "one\ntwo\n\nthree\n"}"#),
            Self.line(#"{"id": "y", "text": "one\u000atwo"}"#),
            Self.line(#"{"id": "z", "text": "\n \n\t"}"#),
            Self.line(#"{"id": "w", "text": " \n"#, [0xFF], #"\n"}"#),
            Self.line(#"{"id": "v", "text": "a\\nb"}"#),
        ]
        var left = 0
        for line in lines {
            let (bytes, escapes) = parser.withText(of: line[...], scratch: scratch, keepingNewlineEscapes: true) { text, escaped in
                (escaped ? JSONStringBytes.unescapingNewlines(text) : Array(text), escaped && text.contains(0x5C))
            }
            #expect(bytes == Array(Self.expected(parser, line).utf8), "\(String(decoding: line, as: UTF8.self))")
            if escapes { left += 1 }
        }
        // Left with escapes in them: i (日本語のテキスト。\n二行目です。) and x.
        #expect(left == 2)
        let held = Self.line(#"{"id": "x", "text": "one\ntwo"}"#)
        #expect(parser.withText(of: held[...], scratch: scratch, keepingNewlineEscapes: true) { text, _ in Array(text) }
            == Array(#"one\ntwo"#.utf8))
    }

    /// A text is blank (an error document, "empty") when each of its characters is white
    /// space, that is when each character's first scalar is: a space that a mark extends is
    /// one character, a mark after a line feed is a character of its own.
    @Test func blankTextsAreThoseOfWhiteSpaceCharacters() {
        let texts: [(json: String, blank: Bool)] = [
            (#" \u0903"#, true), (#" \u0301"#, true), (#"\t\u00a0 \u0301\r\n"#, true), (#"\u3000\u0301"#, true),
            (#"\u0085\u000b\f"#, true), (#"\n\u0301"#, false), (#"\u0301"#, false), (#"\u3000x"#, false),
            (#" \u65e5\u672c"#, false), (#"\u65e5"#, false), (#"\u200b"#, false), (#"\u001f"#, false), (#" \u00e9"#, false),
            (#"\n x"#, false), (#"  "#, true), (#"\u00a0"#, true), (#"\u00a0\u00e9"#, false),
        ]
        let parser = JSONLRecordParser(idField: "id", textField: "text", annotationField: nil)
        for (json, blank) in texts {
            let line = Self.line(#"{"id": "a", "text": ""#, json, #""}"#)
            let document = parser.parse(line, ordinal: 0, source: "t:1")
            #expect((document.readError?.code == "empty") == blank, "\(json)")
            #expect(parser.text(of: line).isEmpty == blank, "\(json)")
        }
        // Every scalar beyond ASCII up to the last white space one, first in the text and after a line feed.
        for value in UInt32(0x80)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let blank = scalar.properties.isWhitespace
            for text in [String(scalar), "\n" + String(scalar)] {
                Self.expectBlank(text, blank, parser, "\(value)")
            }
        }
    }

    /// Scalars the byte scan cannot tell (a space before them may be extended, or white space
    /// beyond ASCII comes first), after each prefix: blank exactly when every character of the
    /// text is white space.
    @Test func undecidedTextsAreToldByTheirCharacters() {
        let parser = JSONLRecordParser(idField: "id", textField: "text", annotationField: nil)
        for prefix in ["", "\n", " ", "\t", "\u{A0}"] {
            for value: UInt32 in [0xFEFF, 0xFFFD, 0x1F600, 0x10FFFF, 0x0301, 0x3000] {
                let text = prefix + String(Unicode.Scalar(value)!)
                Self.expectBlank(text, text.allSatisfy(\.isWhitespace), parser, "\(prefix.debugDescription) \(value)")
            }
        }
    }

    /// Expects the record whose text is `text` (written as JSON) to be an empty document, and its
    /// text read without parsing to be empty, exactly when `blank`.
    private static func expectBlank(_ text: String, _ blank: Bool, _ parser: JSONLRecordParser, _ label: String) {
        var writer = JSONWriter()
        writer.string(text)
        let line = Self.line(#"{"id": "a", "text": "#, String(decoding: writer.bytes, as: UTF8.self), "}")
        #expect((parser.parse(line, ordinal: 0, source: "t:1").readError?.code == "empty") == blank, "\(label)")
        #expect(parser.text(of: line).isEmpty == blank, "\(label)")
        let kept = parser.withText(of: line[...], scratch: UnescapeScratch(capacity: 64), keepingNewlineEscapes: true) { text, _ in
            text.isEmpty
        }
        #expect(kept == blank, "\(label)")
    }

    @Test func anotherTextFieldAndNoneAtAll() {
        for textField in ["meta", "n", "id", "missing", "K"] {
            let parser = JSONLRecordParser(idField: "text", textField: textField, annotationField: nil)
            for line in Self.tricky {
                #expect(parser.text(of: line) == Self.expected(parser, line), "\(textField): \(String(decoding: line, as: UTF8.self))")
            }
        }
    }

    @Test func validatesUTF8AsTheStandardLibraryDoes() {
        func check(_ bytes: [UInt8]) {
            let ours = bytes.withUnsafeBufferPointer(UTF8Validation.string)
            let theirs = String(validating: bytes, as: UTF8.self)
            #expect(ours == theirs, "\(bytes)")
            if let ours { #expect(Array(ours.utf8) == bytes) }
        }
        for b0 in 0x80...0xFF {
            for b1 in 0...0xFF { check([UInt8(b0), UInt8(b1)]) }
        }
        for b0 in 0xE0...0xF4 {
            for b1 in 0x70...0xC8 {
                for b2 in [0x41, 0x80, 0xBF, 0xC0] {
                    check([UInt8(b0), UInt8(b1), UInt8(b2)])
                    check([UInt8(b0), UInt8(b1), UInt8(b2), 0x8F])
                    check([UInt8(b0), UInt8(b1), UInt8(b2), 0x30])
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0x41], Array("abcdefghij".utf8), Array("é".utf8), Array("日本".utf8), Array("😀".utf8),
                                 [0x80], [0xC3], [0xE6, 0x97], [0xF0, 0x9F], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF],
                                 [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF]]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                bytes += pieces.randomElement(using: &generator)!
            }
            check(bytes)
        }
    }

    @Test func readersGiveThePrepassTheDocumentsTextUnderEveryPolicy() throws {
        let dir = try TestSupport.temporaryDirectory("raw-text")
        let url = dir.appendingPathComponent("in.jsonl")
        try Data(Self.tricky.joined(separator: [0x0A]) + [0x0A]).write(to: url)
        let shards = [InputShard(path: url.path, relative: "in.jsonl", isWET: false)]
        for policy in [InvalidUTF8Policy.error, .replace, .detect, .web] {
            for cap in [64 << 20, 200] {
                var cutting = ShardReader(shards: shards, idField: "id", textField: "text", annotationField: "meta",
                                          decoder: ByteDecoder(invalidUTF8: policy), maxDocumentBytes: cap)
                var reading = ShardReader(shards: shards, idField: "id", textField: "text", annotationField: "meta",
                                          decoder: ByteDecoder(invalidUTF8: policy), maxDocumentBytes: cap)
                var count = 0
                while let record = cutting.nextRecord() {
                    let next = reading.next()
                    let document = try #require(next)
                    #expect(record.text() == (document.readError == nil ? document.text : ""), "\(policy) \(document.source)")
                    count += 1
                }
                #expect(count == Self.tricky.count)
                #expect(reading.next() == nil)
            }
        }
    }

    /// The bytes alone tell most texts that open with white space beyond ASCII (a letter after
    /// it starts a character): the answer must still be the characters' for the full parse and
    /// for the pre-pass's scan (which reads the text with its newlines still escaped), marks
    /// that extend the white space included.
    @Test func blankTextsOpeningWithWhiteSpaceBeyondASCII() {
        let texts = ["\u{3000}日本", "\u{3000}", "\u{3000}\u{301}", " \u{301}", "\u{A0}é", "\u{A0}\u{300}x", "\u{A0}\u{300}",
                     "\u{2003}\u{2003}Привет", "\u{3000}\u{3099}", " \u{200D}", "\u{3000}\n\u{3000}テスト", "\u{3000}\n\u{301}",
                     "\u{85}a", "\u{85}\u{301}", "\u{2028}\u{2029}", "\u{3000}「引用」", "\u{3000}ＡＢ", " 한국", "\u{3000}\u{1100}",
                     "\t\u{3000} \u{3000}ひらがな", "\u{1680}Ωμέγα", "\u{3000}\u{FE0F}", "\n\n\u{3000}\u{3000}\n", "\u{3000}x"]
        let parser = JSONLRecordParser(idField: "id", textField: "text", annotationField: nil)
        for text in texts {
            let escaped = text.utf8.flatMap { $0 == 0x0A ? Array(#"\n"#.utf8) : $0 == 0x09 ? Array(#"\t"#.utf8) : [$0] }
            let line = Array(#"{"id": "x", "text": ""#.utf8) + escaped + Array(#""}"#.utf8)
            let blank = text.allSatisfy(\.isWhitespace)
            #expect((parser.parse(line, ordinal: 0, source: "t:1").readError?.code == "empty") == blank, "\(text.debugDescription)")
            let scanned = parser.withText(of: line[...], scratch: UnescapeScratch(), keepingNewlineEscapes: true) { bytes, _ in bytes.isEmpty }
            #expect(scanned == blank, "\(text.debugDescription)")
        }
    }
}
