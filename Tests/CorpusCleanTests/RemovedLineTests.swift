import Testing
import CorpusCleanCore

/// A removed line keeps a range of the text its stage received and copies its text only when
/// asked: the same text, and the same line, as one given its text.
@Suite struct RemovedLineTests {
    @Test func aRangeOfTheTextIsItsLine() {
        let text = "Menü\nÜber uns 日本\nShare this"
        let utf8 = Array(text.utf8)
        let second = (utf8.firstIndex(of: 0x0A)! + 1)..<utf8.lastIndex(of: 0x0A)!
        let line = RemovedLine(line: 2, in: text, bytes: second, reason: "ui_phrase")
        #expect(line.text == "Über uns 日本")
        #expect(line == RemovedLine(line: 2, text: "Über uns 日本", reason: "ui_phrase"))
        #expect(line != RemovedLine(line: 2, text: "Über uns", reason: "ui_phrase"))
        #expect(RemovedLine(line: 1, in: text, bytes: 0..<5, reason: "ui_phrase").text == "Menü")
        #expect(RemovedLine(line: 3, in: text, bytes: (utf8.count - 10)..<utf8.count, reason: "ui_phrase").text == "Share this")
    }
}
