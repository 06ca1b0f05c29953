import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// `output.dolma_attributes` writes Dolma attribute files that line up row for row with the
/// input shards and whose spans point at the input text.
@Suite struct DolmaAttributeFileTests {
    /// The Dolma folder of `ShardedInputTests` plus `seeds/0000.json.gz`: the seeds as records,
    /// whose page chrome the boilerplate stage removes.
    static func corpus() throws -> URL {
        let root = try ShardedInputTests.dolmaFolder()
        let seeds = root.appendingPathComponent("documents/seeds")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        var jsonl = JSONWriter()
        for name in TestSupport.seedNames {
            jsonl.openObject()
            jsonl.key("id"); jsonl.string(name)
            jsonl.key("text"); jsonl.string(try TestSupport.seedText(name))
            jsonl.key("source"); jsonl.string("seeds")
            jsonl.closeObject(); jsonl.newline()
        }
        try Data(jsonl.bytes).write(to: seeds.appendingPathComponent("0000.json"))
        try TestSupport.runShell("gzip -n '\(seeds.path)/0000.json'")
        return root
    }

    static func spans(_ value: JSONValue?) -> [(start: Int, end: Int, score: Double)] {
        guard case let .array(items)? = value else { return [] }
        return items.compactMap { item in
            guard case let .array(triple) = item, triple.count == 3, let s = triple[0].doubleValue, let e = triple[1].doubleValue,
                  let score = triple[2].doubleValue else { return nil }
            return (Int(s), Int(e), score)
        }
    }

    @Test func attributeFilesLineUpWithTheInputShardsAndPointAtTheInputText() throws {
        let root = try Self.corpus()
        let result = try ShardedInputTests.run(["-i", "documents", "-o", "out"], in: root,
                                               config: #"{"output": {"dolma_attributes": "cc_v1"}}"#)
        #expect(result.status == 0, "\(result.stderr)")
        let manifest = try TestSupport.manifest(root.appendingPathComponent("out"))
        let removedByID = Dictionary(uniqueKeysWithValues: manifest.map {
            ($0["id"]!.stringValue!, Int($0["lines_removed"]!.doubleValue!))
        })
        var mappedDocuments = 0
        for shard in ["cc/0000.json.gz", "cc/0001.json.gz", "seeds/0000.json.gz", "wiki/0000.jsonl.zst"] {
            let input = try ShardedInputTests.records(root.appendingPathComponent("documents/" + shard))
            let rows = try ShardedInputTests.records(root.appendingPathComponent("out/attributes/cc_v1/" + shard))
            #expect(rows.map { $0["id"] } == input.map { $0["id"] }, "\(shard): one row per input record, in order")
            for (record, row) in zip(input, rows) {
                let text = Array(record["text"]!.stringValue!.unicodeScalars)
                let attributes = try #require(row["attributes"])
                #expect(row["source"] == record["source"])
                let kept = Self.spans(attributes["cc_v1__kept"])
                #expect(kept.count == 1 && kept[0].start == 0 && kept[0].end == text.count)
                if row["id"]?.stringValue == "wiki-dup" {
                    #expect(kept[0].score == 0)
                    #expect(Self.spans(attributes["cc_v1__dedup__exact_duplicate"]).count == 1)
                } else {
                    #expect(kept[0].score == 1)
                    #expect(Self.spans(attributes["cc_v1__language__en"]).first?.end == text.count)
                }
                guard case let .object(members) = attributes else { continue }
                let lineSpans = members.filter { $0.key.hasPrefix("cc_v1__boilerplate__") }.flatMap { Self.spans($0.value) }
                for span in lineSpans {
                    let line = String(String.UnicodeScalarView(text[span.start..<span.end]))
                    #expect(!line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
                    #expect(span.end == text.count || line.hasSuffix("\n"), "a span holds its line break")
                }
                let removed = removedByID[row["id"]!.stringValue!] ?? 0
                #expect(lineSpans.isEmpty || lineSpans.count == removed)
                if removed > 0, lineSpans.count == removed { mappedDocuments += 1 }
            }
        }
        #expect(mappedDocuments >= 3, "the seeds' removed lines are mapped to the input")
    }

    @Test func aTextFolderABadNameOrALimitStopsTheRunWithExitTwo() throws {
        let seeds = try TestSupport.copyOfSeeds()
        let folder = seeds.deletingLastPathComponent()
        let text = try ShardedInputTests.run(["-i", seeds.path, "-o", "out"], in: folder,
                                             config: #"{"output": {"dolma_attributes": "cc"}}"#)
        #expect(text.status == 2)
        #expect(text.stderr.contains("dolma_attributes needs JSONL or WET input"))
        let badName = try ShardedInputTests.run(["-i", seeds.path, "-o", "out"], in: folder,
                                                config: #"{"output": {"dolma_attributes": "a/b"}}"#)
        #expect(badName.status == 2)
        #expect(badName.stderr.contains("output.dolma_attributes"))
        let corpus = try Self.corpus()
        let limited = try ShardedInputTests.run(["-i", "documents", "-o", "out", "--limit", "2"], in: corpus,
                                                config: #"{"output": {"dolma_attributes": "cc"}}"#)
        #expect(limited.status == 2)
        #expect(limited.stderr.contains("--limit"))
    }
}
