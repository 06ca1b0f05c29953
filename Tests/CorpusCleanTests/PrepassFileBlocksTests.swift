import Foundation
import Logging
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// The corpus pre-pass reads a plain JSON Lines file in blocks that its workers cut into records
/// themselves (`JSONLFileBlocks`): wherever the blocks part the lines, the counts must be those
/// of the records the reader cuts (blank lines, CR line ends, lines over the size cap, a byte
/// order mark, a last line without a line feed).
@Suite struct PrepassFileBlocksTests {
    /// Documents sharing some lines (in more than 3 of them or not), and lines the reader's rules
    /// tell apart, each followed by its line end.
    static func lines(cap: Int) -> [String] {
        var lines: [String] = []
        for i in 0..<40 {
            let text = #"Title \#(i)\nShare this article\nStory \#(i % 4) of the day\nSeen in \#(i % 12) places\nA line of its own \#(i)"#
            lines.append(#"{"id": "d\#(i)", "text": "\#(text)"}"# + (i % 3 == 0 ? "\r\n" : "\n"))
            if i % 7 == 0 { lines.append(["   \n", "\t\n", "\r\n", "\n", " \r\n"][i % 5]) }
        }
        // Over the cap, and right at it with a CR before its line feed.
        let padding = String(repeating: "x", count: cap)
        lines.append(#"{"id": "long", "text": "Story 1 of the day\nSeen in 5 places\n\#(padding)"}"# + "\n")
        let head = #"{"id": "edge", "text": "Seen in 7 places\n"#, tail = #""}"#
        lines.append(head + String(repeating: "y", count: cap - head.utf8.count - tail.utf8.count) + tail + "\r\n")
        lines.append(#"{"id": "bad", "text": "Seen in 3 places\nShare this article""# + "\n")
        lines.append(#"{"id": "escaped", "text": "Seen in 9 places\n\"quoted\"\tand tabbed"}"# + "\n")
        return lines
    }

    /// For each key of the documents' lines, whether the pre-pass counts it as shared.
    static func shared(_ path: String, cap: Int, limit: Int?, blockBytes: Int, keys: [UInt64]) throws -> [Bool] {
        let stage = BoilerplateStage(options: .defaults)
        let runner = PipelineRunner(steps: [.document(stage)], workers: 2, batchSize: 64, logger: Logger(label: "test"))
        var reader = try JSONLReader(path: path, idField: "id", textField: "text", maxDocumentBytes: cap)
        try runner.prepass(reader: &reader, limit: limit, fileBlockBytes: blockBytes)
        let counts = try #require(stage.corpusCounts)
        return keys.map(counts.isShared)
    }

    @Test func blocksCountAsTheReadersRecordsDo() throws {
        let cap = 400
        let root = try TestSupport.temporaryDirectory("prepass-blocks")
        let lines = Self.lines(cap: cap)
        let counts = CorpusLineCounts(threshold: 3, sentenceWords: 20)
        let keys = Array(Set(lines.flatMap { line -> [UInt64] in
            guard let data = line.data(using: .utf8), let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let text = record["text"] as? String else { return [] }
            return counts.keys(of: text)
        })).sorted()
        let whole: String = lines.joined()
        let last: String = #"{"id": "z", "text": "Story 2 of the day"}"# + "\r"
        let variants: [(String, String)] = [("plain", whole), ("bom", "\u{FEFF}" + whole), ("no-last-feed", String(whole.dropLast())),
                                            ("cr-last", whole + last)]
        for (variant, bytes) in variants {
            let path = root.appendingPathComponent("\(variant).jsonl").path
            try Data(bytes.utf8).write(to: URL(fileURLWithPath: path))
            let expected = try Self.shared(path, cap: cap, limit: Int.max, blockBytes: 1 << 20, keys: keys)
            #expect(expected.contains(true) && expected.contains(false))
            for blockBytes in [1, 2, 3, 7, 64, 399, 400, 401, 1_000, 1 << 20] {
                #expect(try Self.shared(path, cap: cap, limit: nil, blockBytes: blockBytes, keys: keys) == expected, "\(variant) \(blockBytes)")
            }
        }
    }
}
