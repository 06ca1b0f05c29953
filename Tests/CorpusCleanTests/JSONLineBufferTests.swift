import Testing
@testable import CorpusCleanCore

/// The manifest and record lines' buffer writes what JSONWriter writes, and the vector loops
/// that escape and unescape strings (which handle the one-byte escapes inside 32-byte blocks)
/// give back every string, whatever the escapes' places relative to the blocks.
@Suite struct JSONLineBufferTests {
    /// Strings with an escape at every place around the first blocks' edges, of every kind.
    static let strings: [String] = {
        var strings = ["", "a", "plain ascii", "é ü 日本語 🙂", "\u{7F}", "\u{1}\u{1F}", "tab\there", "\"\\"]
        let filler = String(repeating: "abcdefgh", count: 12)
        for special in ["\n", "\"", "\\", "\u{7F}", "\u{1}", "\r", "\t", "é"] {
            for place in [0, 1, 30, 31, 32, 33, 63, 64, 65, 95] {
                var text = filler
                text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: place))
                strings.append(text)
                strings.append(String(text.prefix(place + 2)))
                strings.append(text + special + special)
            }
        }
        strings.append(String(repeating: "\n", count: 200))
        strings.append(String(repeating: "a\n", count: 100))
        // Longer than JSONWriter's blocks, escaped or not, an escape at their edges.
        strings.append(String(repeating: "\u{1}x", count: 400))
        strings.append(String(repeating: filler + "\"", count: 60))
        strings.append(String(repeating: "\u{7F}", count: 171) + filler)
        return strings
    }()

    @Test func writesStringsAsJSONWriterDoes() throws {
        for text in Self.strings {
            var writer = JSONWriter()
            writer.string(text)
            var buffer = JSONLineBuffer(capacity: 8)
            buffer.string(text)
            #expect(buffer.bytes() == writer.bytes, "\(text.debugDescription)")
            #expect(try JSONParser.parse(buffer.bytes()) == .string(text), "\(text.debugDescription)")
        }
    }

    /// `array()` hands over the buffer's own storage, cut to the bytes written, also after the
    /// buffer grew.
    @Test func arrayIsTheBytesWritten() {
        for text in Self.strings {
            var buffer = JSONLineBuffer(capacity: 8)
            buffer.string(text)
            buffer.append(UInt8(ascii: ","))
            buffer.int(42)
            let copy = buffer.bytes()
            let count = buffer.count
            let array = buffer.array()
            #expect(array == copy)
            #expect(array.count == count)
        }
        #expect(JSONLineBuffer(capacity: 100).array() == [])
    }

    @Test func readsEveryEscapeWherever() throws {
        let filler = String(repeating: "abcdefgh", count: 12)
        let escapes: [(json: String, text: String)] = [
            (#"\n"#, "\n"), (#"\""#, "\""), (#"\\"#, "\\"), (#"\/"#, "/"), (#"\b"#, "\u{8}"), (#"\f"#, "\u{C}"),
            (#"\r"#, "\r"), (#"\t"#, "\t"), (#"\u00e9"#, "é"), (#"\ud83d\ude42"#, "🙂"),
        ]
        for (json, text) in escapes {
            for place in [0, 1, 30, 31, 32, 33, 34, 63, 64, 95, 96] {
                let head = String(filler.prefix(place)), tail = String(filler.dropFirst(place))
                for (input, expected) in [(head + json + tail, head + text + tail), (head + json, head + text),
                                          (head + json + json + tail, head + text + text + tail)] {
                    #expect(try JSONParser.parse(Array(("\"" + input + "\"").utf8)) == .string(expected), "\(input)")
                }
            }
        }
    }

    @Test func writesNumbersAsJSONWriterDoes() {
        for value in [0.0, 1.0, 0.5, 0.05, 0.00005, 0.00004, -0.00004, -2.5, 123.456789, 99.99999, 1e18, .nan, -.infinity] {
            for decimals in [0, 1, 4, 9] {
                var writer = JSONWriter()
                writer.double(value, decimals: decimals)
                var buffer = JSONLineBuffer(capacity: 8)
                buffer.double(value, decimals: decimals)
                #expect(buffer.bytes() == writer.bytes, "\(value) \(decimals)")
            }
        }
        for value in [0, 7, 10, 1234567890, Int.max, -1, Int.min] {
            var buffer = JSONLineBuffer(capacity: 8)
            buffer.int(value)
            #expect(String(decoding: buffer.bytes(), as: UTF8.self) == String(value))
        }
    }
}

extension JSONLineBuffer {
    /// A copy of the bytes written, as an array.
    func bytes() -> [UInt8] { withBytes { Array($0) } }
}
