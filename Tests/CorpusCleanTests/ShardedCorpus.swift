import Foundation

/// Eight JSONL shards (two gzipped) whose documents exercise every decision of a sharded run:
/// exact copies and near copies across shards, copies with the same words and other
/// punctuation (the same shingle set), chains of near copies, documents without words,
/// lines that repeat across more documents than boilerplate's corpus threshold, and a broken
/// line. Deterministic.
enum ShardedCorpus {
    static func write(to folder: URL, documentsPerShard: Int = 40) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let vocabulary = (0..<600).map { i in "w" + String(i * 7919 % 100_003, radix: 36) }
        let chrome = ["Home | News | Sport | Weather | Contact us", "Subscribe to our newsletter for the latest updates",
                      "Copyright 2026 Example Media Group. All rights reserved."]
        var written: [String] = []
        func sentence() -> String {
            (0..<(8 + next(10))).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " ") + "."
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for shard in 0..<8 {
            var lines: [String] = []
            for i in 0..<documentsPerShard {
                var text: String
                let roll = next(20)
                if roll == 0, let earlier = written.isEmpty ? nil : written[next(written.count)] {
                    text = earlier
                } else if roll <= 3, let earlier = written.isEmpty ? nil : written[next(written.count)] {
                    var words = earlier.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                    words[next(words.count)] = vocabulary[next(vocabulary.count)]
                    text = words.joined(separator: " ")
                } else if roll == 4, let earlier = written.isEmpty ? nil : written[next(written.count)] {
                    text = earlier.replacingOccurrences(of: ".", with: "!")
                } else if roll == 5 {
                    text = ["... !!! ???", "— — —", "12 34"][next(3)]
                } else {
                    let paragraphs = (0..<(2 + next(4))).map { _ in (0..<(2 + next(4))).map { _ in sentence() }.joined(separator: " ") }
                    let head = next(3) == 0 ? [chrome[next(chrome.count)]] : [], tail = next(4) == 0 ? [chrome[2]] : []
                    text = (head + paragraphs + tail).joined(separator: "\n")
                }
                written.append(text)
                let id = "s\(shard)-\(i)"
                var line = Data()
                line.append(try JSONSerialization.data(withJSONObject: ["id": id, "text": text], options: [.sortedKeys]))
                lines.append(String(decoding: line, as: UTF8.self))
            }
            if shard == 6 { lines.insert(#"{"id": "broken", "text": "#, at: 5) }
            let name = String(format: "part-%02d.jsonl", shard)
            try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            if shard == 2 || shard == 5 { try TestSupport.runShell("gzip -n '\(folder.appendingPathComponent(name).path)'") }
        }
    }
}
