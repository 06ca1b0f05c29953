import Dispatch
import Foundation
import Testing
@testable import CorpusCleanCore

/// The records a reader cuts (`nextRecord`), parsed on other threads, are the documents its
/// `next()` gives: the streaming runner relies on it to parse on its workers.
@Suite struct RawRecordTests {
    /// Lines of every kind a reader tells apart: documents, blank lines, malformed JSON,
    /// invalid UTF-8, a key given twice, no id, a numeric id, no text, a line over the cap.
    private static let lines: [[UInt8]] = [
        Array(#"{"id": "a", "text": "A first document.", "meta": {"k": 1}}"#.utf8),
        [],
        Array("  \t".utf8),
        Array(#"{"id": "b", "text": "unterminated"#.utf8),
        Array(#"{"id": "c", "text": "invalid "#.utf8) + [0xFF, 0xFE] + Array(#" UTF-8"}"#.utf8),
        Array(#"{"id": "d", "text": "one", "text": "two"}"#.utf8),
        Array(#"{"text": "A document without an id."}"#.utf8),
        Array(#"{"id": 17, "text": "A numeric id."}"#.utf8),
        Array(#"{"id": "e"}"#.utf8),
        Array(#"{"id": "f", "text": ""#.utf8) + Array(repeating: 0x61, count: 5000) + Array(#""}"#.utf8),
        Array(#"{"id": "g", "text": "The last document, after a CR."}"#.utf8) + [0x0D],
    ]

    private static let cap = 1000

    /// A file holding `lines`, one a line.
    private func write(_ lines: [[UInt8]], named name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(lines.joined(separator: [0x0A]) + [0x0A]).write(to: url)
        return url
    }

    /// `records` parsed at once on a concurrent queue.
    private func parseConcurrently(_ records: [RawRecord]) -> [Document] {
        final class Results: @unchecked Sendable {
            var documents: [Document?]
            init(_ count: Int) { documents = Array(repeating: nil, count: count) }
        }
        let results = Results(records.count)
        results.documents.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: records.count) { i in slots[i] = records[i].document() }
        }
        return results.documents.map { $0! }
    }

    private func expectSame(_ parsed: [Document], _ read: [Document]) {
        #expect(parsed.count == read.count)
        for (a, b) in zip(parsed, read) {
            #expect(a.ordinal == b.ordinal)
            #expect(a.id == b.id)
            #expect(a.source == b.source)
            #expect(a.text == b.text)
            #expect(a.fields.map(\.key) == b.fields.map(\.key))
            #expect(a.fields.map(\.value) == b.fields.map(\.value))
            #expect(a.bytesIn == b.bytesIn)
            #expect(a.readError?.code == b.readError?.code)
            #expect(a.readError?.message == b.readError?.message)
            #expect(a.rawBytes == b.rawBytes)
            #expect(a.shard == b.shard)
            #expect(a.inputPosition == b.inputPosition)
        }
    }

    @Test func recordsParsedOnOtherThreadsAreTheReadersDocuments() throws {
        let dir = try TestSupport.temporaryDirectory("raw")
        let input = try write(Self.lines, named: "in.jsonl", in: dir).path
        var reader = try JSONLReader(path: input, idField: "id", textField: "text", label: "in", maxDocumentBytes: Self.cap)
        var records: [RawRecord] = []
        while let record = reader.nextRecord() { records.append(record) }
        var again = try JSONLReader(path: input, idField: "id", textField: "text", label: "in", maxDocumentBytes: Self.cap)
        var read: [Document] = []
        while let document = again.next() { read.append(document) }
        let parsed = parseConcurrently(records)
        expectSame(parsed, read)
        #expect(parsed.map(\.ordinal) == Array(0..<9))
        #expect(parsed.map(\.source) == ["in:1", "in:4", "in:5", "in:6", "in:7", "in:8", "in:9", "in:10", "in:11"])
        #expect(parsed.map { $0.readError?.code } == [nil, "malformed_json", "malformed_json", "duplicate_key", nil, nil,
                                                     "missing_text", "too_large", nil])
        #expect(parsed[5].id == "17")
        #expect(parsed[4].id.hasPrefix("xxh64:"))
        #expect(parsed.last?.inputPosition == reader.position)
    }

    @Test func shardRecordsArePlacedAcrossShards() throws {
        let dir = try TestSupport.temporaryDirectory("raw-shards")
        let first = try write(Array(Self.lines.prefix(6)), named: "a.jsonl", in: dir)
        let second = try write(Array(Self.lines.suffix(5)), named: "b.jsonl", in: dir)
        let shards = [InputShard(path: first.path, relative: "a.jsonl", isWET: false),
                      InputShard(path: second.path, relative: "b.jsonl", isWET: false)]
        func reader() -> ShardReader {
            ShardReader(shards: shards, idField: "id", textField: "text", annotationField: nil, decoder: ByteDecoder(invalidUTF8: .error),
                        maxDocumentBytes: Self.cap)
        }
        var cutting = reader()
        var records: [RawRecord] = []
        while let record = cutting.nextRecord() { records.append(record) }
        var reading = reader()
        var read: [Document] = []
        while let document = reading.next() { read.append(document) }
        let parsed = parseConcurrently(records)
        expectSame(parsed, read)
        #expect(parsed.map(\.ordinal) == Array(0..<9))
        #expect(parsed.map(\.shard) == [0, 0, 0, 0, 1, 1, 1, 1, 1])
        #expect(parsed.map(\.source) == ["a.jsonl:1", "a.jsonl:4", "a.jsonl:5", "a.jsonl:6", "b.jsonl:1", "b.jsonl:2",
                                         "b.jsonl:3", "b.jsonl:4", "b.jsonl:5"])
        #expect(parsed.last?.inputPosition == cutting.position)
        #expect(parsed.last?.inputPosition != nil)
    }

    @Test func skippingCutsWithoutParsingAndEndsWhereReadingDoes() throws {
        let dir = try TestSupport.temporaryDirectory("raw-skip")
        let input = try write(Self.lines, named: "in.jsonl", in: dir).path
        for count in [0, 3, 8] {
            var skipping = try JSONLReader(path: input, idField: "id", textField: "text", label: "in", maxDocumentBytes: Self.cap)
            skipping.skip(count)
            var reading = try JSONLReader(path: input, idField: "id", textField: "text", label: "in", maxDocumentBytes: Self.cap)
            for _ in 0..<count { _ = reading.next() }
            #expect(skipping.position == reading.position)
            let skipped = skipping.next(), read = reading.next()
            #expect(skipped != nil)
            expectSame([skipped].compactMap { $0 }, [read].compactMap { $0 })
        }
    }

    /// A record whose bytes a worker decodes keeps the place a sharded reader gives it.
    @Test func aDeferredRecordTakesItsPlaceInTheWholeInput() {
        let record = RawRecord {
            Document(ordinal: 3, id: "w", source: "a.warc.wet#4", text: "Decoded on a worker.")
        }
        let placed = record.placed(ordinal: 41, shard: 2).document()
        #expect(placed.ordinal == 41)
        #expect(placed.shard == 2)
        #expect(placed.text == "Decoded on a worker.")
        #expect(record.document().ordinal == 3)
    }
}

