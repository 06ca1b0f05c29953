import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Sharded inputs (a folder of shards, several `--input`s, a glob) cleaned into the same shard
/// layout, by the real binary on real gzip and zstd files.
@Suite struct ShardedInputTests {
    private static let words = ("the committee met on tuesday to discuss budget for coming year while local farmers "
        + "reported good harvest after long dry summer and city council plans new library near river park where children "
        + "play every weekend during school holidays people said weather changed quickly this autumn").split(separator: " ")

    /// An English text made of `words` picked by `seed`: documents with other seeds share no run of words.
    static func text(_ seed: Int) -> String {
        var state = UInt64(truncatingIfNeeded: seed) &* 6364136223846793005 &+ 1442695040888963407
        var picked: [Substring] = []
        for _ in 0..<40 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            picked.append(words[Int(state >> 33) % words.count])
        }
        return picked.joined(separator: " ").prefix(1).uppercased() + picked.joined(separator: " ").dropFirst() + "."
    }

    /// A Dolma-style record.
    static func record(_ id: String, _ text: String) -> String {
        #"{"id": "\#(id)", "text": "\#(text)", "source": "common-crawl", "metadata": {"url": "https://example.org/\#(id)", "length": \#(text.count)}}"#
    }

    static let duplicate = "A paragraph that two shards hold word for word, about the committee that met on Tuesday to discuss the budget for the coming year."

    /// `documents/` with `cc/0000.json.gz` (4 records), `cc/0001.json.gz` (3 records) and
    /// `wiki/0000.jsonl.zst` (3 records); the second records of the last two have the same
    /// text, and cc sorts before wiki, so wiki's copy is the one dropped.
    static func dolmaFolder() throws -> URL {
        let root = try TestSupport.temporaryDirectory("dolma")
        let documents = root.appendingPathComponent("documents")
        let shards: [(name: String, records: [String])] = [
            ("cc/0000.json", (0..<4).map { record("cc0-\($0)", text(100 + $0)) }),
            ("cc/0001.json", [record("cc1-0", text(200)), record("cc1-dup", duplicate), record("cc1-2", text(202))]),
            ("wiki/0000.jsonl", [record("wiki-0", text(300)), record("wiki-dup", duplicate), record("wiki-2", text(302))]),
        ]
        for shard in shards {
            let url = documents.appendingPathComponent(shard.name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (shard.records.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        try TestSupport.runShell("cd '\(documents.path)' && gzip -n cc/0000.json cc/0001.json && zstd -q --rm wiki/0000.jsonl")
        return root
    }

    /// Every file under `folder` (relative path, sorted) with its bytes; a file alone under ".".
    static func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return [:] }
        if !isFolder.boolValue { return [".": try Data(contentsOf: folder)] }
        for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
            let url = folder.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = try Data(contentsOf: url)
            }
        }
        return result
    }

    /// The records of a cleaned shard, decompressed by the gzip or zstd command.
    static func records(_ url: URL) throws -> [JSONValue] {
        let command = url.path.hasSuffix(".gz") ? "zcat" : url.path.hasSuffix(".zst") ? "zstdcat" : "cat"
        return try TestSupport.runShell("\(command) '\(url.path)'").split(separator: "\n").map { try JSONParser.parse(string: String($0)) }
    }

    static func run(_ arguments: [String], in directory: URL, config: String = "{}") throws -> TestSupport.ProcessResult {
        let configFile = directory.appendingPathComponent("config-\(UUID().uuidString).json")
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        return try TestSupport.runBinary(["run", "--config", configFile.path, "--log-format", "json", "--no-progress"] + arguments,
                                         in: directory)
    }

    @Test func aDolmaFolderIsCleanedIntoTheSameShardLayout() throws {
        let root = try Self.dolmaFolder()
        let result = try Self.run(["-i", "documents", "-o", "out"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let out = root.appendingPathComponent("out")
        let docs = try Self.files(out.appendingPathComponent("docs"))
        #expect(docs.keys.sorted() == ["cc/0000.json.gz", "cc/0001.json.gz", "wiki/0000.jsonl.zst"])
        // Compressed as their names say, by the magic bytes.
        #expect(docs["cc/0000.json.gz"]!.prefix(2) == Data([0x1F, 0x8B]))
        #expect(docs["wiki/0000.jsonl.zst"]!.prefix(4) == Data([0x28, 0xB5, 0x2F, 0xFD]))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("documents.jsonl").path))

        let ids = try docs.keys.sorted().map { name in try Self.records(out.appendingPathComponent("docs/" + name)).map { $0["id"]!.stringValue! } }
        #expect(ids == [["cc0-0", "cc0-1", "cc0-2", "cc0-3"], ["cc1-0", "cc1-dup", "cc1-2"], ["wiki-0", "wiki-2"]])
        // metadata stays as it came; the other fields too, in order.
        let first = try Self.records(out.appendingPathComponent("docs/cc/0000.json.gz"))[0]
        guard case let .object(members) = first else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["id", "text", "source", "metadata", "corpusclean"])
        #expect(first["metadata"]?["url"]?.stringValue == "https://example.org/cc0-0")
        #expect(first["metadata"]?["length"]?.doubleValue == Double(Self.text(100).count))

        // One manifest for all shards, in shard order then line order, naming shard and line.
        let manifest = try TestSupport.manifest(out)
        #expect(manifest.map { $0["location"]!.stringValue! } == ["cc/0000.json.gz:1", "cc/0000.json.gz:2", "cc/0000.json.gz:3", "cc/0000.json.gz:4",
                                                                "cc/0001.json.gz:1", "cc/0001.json.gz:2", "cc/0001.json.gz:3",
                                                                "wiki/0000.jsonl.zst:1", "wiki/0000.jsonl.zst:2", "wiki/0000.jsonl.zst:3"])
        let dropped = manifest.filter { $0["status"]?.stringValue != "kept" }
        #expect(dropped.count == 1)
        #expect(dropped.first?["id"]?.stringValue == "wiki-dup")
        #expect(dropped.first?["duplicate_of"]?.stringValue == "cc1-dup")

        // Byte-identical for any worker count.
        let two = try Self.run(["-i", "documents", "-o", "out2"], in: root, config: #"{"workers": 2, "batch_size": 2}"#)
        #expect(two.status == 0, "\(two.stderr)")
        let one = try Self.run(["-i", "documents", "-o", "out1"], in: root, config: #"{"workers": 1, "batch_size": 2}"#)
        #expect(one.status == 0, "\(one.stderr)")
        for name in ["docs", "manifest.jsonl", "rejected.jsonl"] {
            let a = try Self.files(root.appendingPathComponent("out1/" + name)), b = try Self.files(root.appendingPathComponent("out2/" + name))
            let c = try Self.files(out.appendingPathComponent(name))
            #expect(a == b && a == c && !a.isEmpty, "\(name) differs")
        }
    }

    @Test func annotationsGoInsideDolmasMetadata() throws {
        let root = try Self.dolmaFolder()
        let result = try Self.run(["-i", "documents", "-o", "out"], in: root, config: #"{"output": {"annotation_key": "metadata"}}"#)
        #expect(result.status == 0, "\(result.stderr)")
        let first = try Self.records(root.appendingPathComponent("out/docs/wiki/0000.jsonl.zst"))[0]
        #expect(first["metadata"]?["url"]?.stringValue == "https://example.org/wiki-0")
        #expect(first["metadata"]?["corpusclean"]?["language"]?.stringValue == "en")
        #expect(first["corpusclean"] == nil)
    }

    @Test func outputCompressionRenamesTheShards() throws {
        let root = try Self.dolmaFolder()
        var contents: [String: [[JSONValue]]] = [:]
        for (option, names) in [("auto", ["cc/0000.json.gz", "cc/0001.json.gz", "wiki/0000.jsonl.zst"]),
                                ("none", ["cc/0000.json", "cc/0001.json", "wiki/0000.jsonl"]),
                                ("gzip", ["cc/0000.json.gz", "cc/0001.json.gz", "wiki/0000.jsonl.gz"]),
                                ("zstd", ["cc/0000.json.zst", "cc/0001.json.zst", "wiki/0000.jsonl.zst"])] {
            let result = try Self.run(["-i", "documents", "-o", "out-\(option)"], in: root, config: #"{"output": {"compression": "\#(option)"}}"#)
            #expect(result.status == 0, "\(option): \(result.stderr)")
            let docs = root.appendingPathComponent("out-\(option)/docs")
            #expect(try Self.files(docs).keys.sorted() == names, "\(option)")
            contents[option] = try names.map { try Self.records(docs.appendingPathComponent($0)) }
        }
        #expect(contents["none"]!.map(\.count) == [4, 3, 2])
        for option in ["auto", "gzip", "zstd"] { #expect(contents[option]! == contents["none"]!, "\(option)") }

        // A single file: documents.jsonl.zst with zstd, plain documents.jsonl with auto.
        let single = root.appendingPathComponent("documents/wiki/0000.jsonl.zst").path
        #expect(try Self.run(["-i", single, "-o", "single-zstd"], in: root, config: #"{"output": {"compression": "zstd"}}"#).status == 0)
        #expect(try Self.run(["-i", single, "-o", "single-auto"], in: root).status == 0)
        let plain = try TestSupport.lines(root.appendingPathComponent("single-auto/documents.jsonl"))
        #expect(plain.map { $0["id"]!.stringValue! } == ["wiki-0", "wiki-dup", "wiki-2"]) // alone, wiki's copy is no copy
        #expect(try Self.records(root.appendingPathComponent("single-zstd/documents.jsonl.zst")) == plain)
    }

    @Test func severalInputsAGlobAndAShellGlobReadTheSameShards() throws {
        let root = try Self.dolmaFolder()
        let reference = try Self.run(["-i", "documents", "-o", "ref"], in: root)
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try Self.files(root.appendingPathComponent("ref/docs"))
        let manifest = try String(contentsOf: root.appendingPathComponent("ref/manifest.jsonl"), encoding: .utf8)
        let variants: [[String]] = [
            ["-i", "documents/cc", "-i", "documents/wiki"],                 // two -i, folders
            ["-i", "documents/wiki/0000.jsonl.zst", "-i", "documents/cc"], // any order: shards sort by name
            ["-i", "documents/cc/0000.json.gz", "documents/cc/0001.json.gz", "documents/wiki/0000.jsonl.zst"], // as a shell glob expands
            ["--input", "documents/*/*"],                                    // a quoted glob, expanded by corpusclean
            ["-i", "documents/*"],                                           // a glob of folders
        ]
        for (k, arguments) in variants.enumerated() {
            let result = try Self.run(arguments + ["-o", "out\(k)"], in: root)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(try Self.files(root.appendingPathComponent("out\(k)/docs")) == expected, "\(arguments)")
            #expect(try String(contentsOf: root.appendingPathComponent("out\(k)/manifest.jsonl"), encoding: .utf8) == manifest, "\(arguments)")
        }
        // Files of one folder given alone are named inside it.
        let files = try Self.run(["-i", "documents/cc/0001.json.gz", "documents/cc/0000.json.gz", "-o", "files"], in: root)
        #expect(files.status == 0, "\(files.stderr)")
        #expect(try Self.files(root.appendingPathComponent("files/docs")).keys.sorted() == ["0000.json.gz", "0001.json.gz"])
    }

    @Test func wetShardsAreReadAsWETAndCleanedIntoJSONL() throws {
        let root = try Self.dolmaFolder()
        let body = "Subscribe\n" + Self.text(900)
        let record = "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 12\r\n\r\nisPartOf: x\n\r\n\r\n"
            + "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://example.org/w\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n"
            + "WARC-Record-ID: <urn:uuid:wet-1>\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)\r\n\r\n"
        let wet = root.appendingPathComponent("documents/crawl/0000.warc.wet")
        try FileManager.default.createDirectory(at: wet.deletingLastPathComponent(), withIntermediateDirectories: true)
        try record.write(to: wet, atomically: true, encoding: .utf8)
        try TestSupport.runShell("gzip -n '\(wet.path)'")
        let result = try Self.run(["-i", "documents", "-o", "out"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let out = root.appendingPathComponent("out")
        #expect(try Self.files(out.appendingPathComponent("docs")).keys.sorted()
                == ["cc/0000.json.gz", "cc/0001.json.gz", "crawl/0000.jsonl.gz", "wiki/0000.jsonl.zst"])
        let cleaned = try Self.records(out.appendingPathComponent("docs/crawl/0000.jsonl.gz"))
        #expect(cleaned.map { $0["id"]?.stringValue } == ["urn:uuid:wet-1"])
        #expect(cleaned.first?["url"]?.stringValue == "https://example.org/w")
        #expect(try TestSupport.manifest(out).map { $0["location"]!.stringValue! }.contains("crawl/0000.warc.wet.gz#2"))
    }

    @Test func inputsThatCannotBeOneInputExitTwo() throws {
        let root = try Self.dolmaFolder()
        let documents = root.appendingPathComponent("documents")
        func refused(_ arguments: [String], _ message: String, config: String = "{}") throws {
            let result = try Self.run(arguments + ["-o", "out"], in: root, config: config)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/manifest.jsonl").path))
        }
        try refused(["-i", "documents/*.parquet"], "documents/*.parquet: the pattern matches no file")
        try refused(["-i", "documents", "documents/cc/0000.json.gz"], "given twice")
        try refused(["-i", "-", "documents"], "standard input (-) cannot be read together with other inputs")
        try TestSupport.runShell("cd '\(documents.path)' && zcat cc/0000.json.gz > cc/0000.json")
        try refused(["-i", "documents"], "its cleaned shard would be named cc/0000.json", config: #"{"output": {"compression": "none"}}"#)
        try FileManager.default.removeItem(at: documents.appendingPathComponent("cc/0000.json"))

        // A file that is no record file: the folder is mixed; named with the files of both kinds.
        try "A note.\n".write(to: documents.appendingPathComponent("wiki/README.txt"), atomically: true, encoding: .utf8)
        try refused(["-i", "documents"], "the folder mixes record files (cc/0000.json.gz, cc/0001.json.gz, wiki/0000.jsonl.zst) with other files (wiki/README.txt)")
        // ...which input.format "text" reads as text documents, one per file.
        let asText = try Self.run(["-i", "documents", "-o", "text"], in: root, config: #"{"input": {"format": "text"}}"#)
        #expect(asText.status == 3, "\(asText.stderr)") // the compressed files are binary: error documents
        #expect(try TestSupport.manifest(root.appendingPathComponent("text")).count == 4)
        try FileManager.default.removeItem(at: documents.appendingPathComponent("wiki/README.txt"))

        // Parquet beside the shards, or named as a shard: refused as a Parquet file alone is.
        let parquet = Array("PAR1".utf8) + [0x15, 0x04, 0x15, 0x9C] + Array("PAR1".utf8)
        try Data(parquet).write(to: documents.appendingPathComponent("cc/0002.parquet"))
        try refused(["-i", "documents"], "documents/cc/0002.parquet: unsupported input format: Parquet; corpusclean reads")
        try FileManager.default.removeItem(at: documents.appendingPathComponent("cc/0002.parquet"))
        try Data(parquet).write(to: documents.appendingPathComponent("cc/0002.json"))
        try refused(["-i", "documents/*/*"], "documents/cc/0002.json: unsupported input format: Parquet")

        // A folder of text files is read as before, but only as the one input.
        let seeds = try TestSupport.copyOfSeeds()
        try refused(["-i", seeds.path, "documents/wiki"], "a folder of text files cannot be read together with other inputs")
        let text = try Self.run(["-i", seeds.path, "-o", "seeds-out"], in: root)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(try Self.files(root.appendingPathComponent("seeds-out/docs")).keys.sorted() == TestSupport.seedNames)
    }
}
