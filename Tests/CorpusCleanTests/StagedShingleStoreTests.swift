import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
#if canImport(Glibc)
import Glibc
#endif

/// A resumable run keeps dedup's shingle sets in the output's staging directory, with their
/// length in each checkpoint, instead of in the resume journal: `--resume` cuts the file back to
/// the checkpoint and reads the sets back from it.
@Suite struct StagedShingleStoreTests {
    static let name = ShingleStore.stagedName

    /// Near and exact copies of the seeds, and copies with the same shingle set as an earlier
    /// document but another exact hash (only the punctuation differs): those add nothing to the
    /// index, though their sets are compared.
    static func texts() throws -> [String] {
        let seeds = try TestSupport.seedNames.map(TestSupport.seedText)
        var texts = try DedupStageTests.corpusWithDuplicates()
        for (i, seed) in seeds.enumerated() {
            texts.append(seed + " !!")
            texts.append(DedupStageTests.edited(seed, every: 120 + i) + "\nOne more.")
            texts.append(DedupStageTests.edited(seed, every: 100 + i) + " ?")
        }
        return texts
    }

    static func state(_ text: String, _ i: Int) -> DocumentState {
        DocumentState(document: Document(ordinal: i, id: "doc\(i)", source: "doc\(i)", text: text))
    }

    /// What a document's dedup report says: kept, or whose duplicate and how similar.
    static func outcome(_ report: StageReport) -> String {
        report.duplicate.map { "\($0.duplicateOf) \($0.similarity) \($0.exact)" } ?? "kept"
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? -1
    }

    @Test func aResumedStageCutsTheStoreBackAndDecidesAsAnUninterruptedOne() throws {
        let texts = try Self.texts()
        let cut = texts.count / 2
        let uninterrupted = DedupStage(options: .defaults)
        uninterrupted.resumeStaging = ResumeStaging(directory: try TestSupport.temporaryDirectory("a").path, resumedLengths: nil)
        try uninterrupted.begin()
        let expected = texts.enumerated().map { i, text in
            var state = Self.state(text, i)
            uninterrupted.prepare(&state)
            return Self.outcome(uninterrupted.decide(&state))
        }
        #expect(expected.contains { $0.hasSuffix("1.0 false") }, "no document with the set of an earlier one")

        // The interrupted run: checkpointed after `cut` documents, then two more decided.
        let staging = try TestSupport.temporaryDirectory("staging").path
        let store = (staging as NSString).appendingPathComponent(Self.name)
        var journal: [[UInt8]] = []
        var length = 0
        do {
            let interrupted = DedupStage(options: .defaults)
            interrupted.resumeStaging = ResumeStaging(directory: staging, resumedLengths: nil)
            try interrupted.begin()
            for (i, text) in texts.prefix(cut + 2).enumerated() {
                var state = Self.state(text, i)
                interrupted.prepare(&state)
                if i < cut { journal.append(interrupted.journalEntry(state)) }
                _ = interrupted.decide(&state)
                if i == cut - 1 {
                    try interrupted.check()
                    length = interrupted.resumeFileLengths[Self.name] ?? -1
                    #expect(length > 0 && length == Self.size(store))
                }
            }
            try interrupted.check()
        }
        #expect(Self.size(store) > length)
        // No shingle set in the journal: an entry is its id, hashes, counts and band keys.
        #expect(journal.allSatisfy { $0.count < 300 }, "\(journal.map(\.count).max() ?? 0)")

        let resumed = DedupStage(options: .defaults)
        resumed.resumeStaging = ResumeStaging(directory: staging, resumedLengths: [Self.name: length])
        try resumed.begin()
        #expect(Self.size(store) == length)
        for entry in journal { resumed.replay(entry) }
        var actual = Array(expected.prefix(cut))
        for (i, text) in texts.enumerated().dropFirst(cut) {
            var state = Self.state(text, i)
            resumed.prepare(&state)
            actual.append(Self.outcome(resumed.decide(&state)))
        }
        try resumed.check()
        #expect(actual == expected)
    }

    @Test func aStoreShorterThanTheCheckpointIsRefused() throws {
        let staging = try TestSupport.temporaryDirectory("staging").path
        try Data(count: 80).write(to: URL(fileURLWithPath: (staging as NSString).appendingPathComponent(Self.name)))
        let stage = DedupStage(options: .defaults)
        stage.resumeStaging = ResumeStaging(directory: staging, resumedLengths: [Self.name: 800])
        #expect(throws: InputError.self) { try stage.begin() }
    }

    /// A killed run leaves the sets in `.staging`, at least as long as its checkpoint says, and a
    /// journal without them; sets written after the checkpoint are cut off by `--resume`, which
    /// gives the uninterrupted run's output.
    @Test func aKilledRunResumesFromTheStagedStore() throws {
        let input = try ResumeTests.largeCorpus()
        let root = try TestSupport.temporaryDirectory("staged")
        let config = root.appendingPathComponent("pipeline.json")
        try #"{"batch_size": 25, "stages": ["dedup"]}"#.write(to: config, atomically: true, encoding: .utf8)
        let reference = root.appendingPathComponent("reference")
        let base = ["run", "--config", config.path, "--input", input.path]
        #expect(try TestSupport.runBinary(base + ["--output", reference.path]).status == 0)

        let output = root.appendingPathComponent("out")
        let (killedAt, _) = try KilledRun.run(base + ["--output", output.path], output: output, documents: 300)
        #expect(killedAt >= 300 && killedAt < 1500, "the run was not killed midway (\(killedAt))")
        let staging = output.appendingPathComponent(".staging")
        let checkpoint = try #require(try RunCheckpoint.load(path: staging.appendingPathComponent(RunCheckpoint.fileName).path))
        let store = staging.appendingPathComponent(Self.name).path
        let length = try #require(checkpoint.offsets[Self.name])
        #expect(length > 0 && Self.size(store) >= length)
        let journalBytes = try #require(checkpoint.offsets[OutputWriter.journalName])
        #expect(journalBytes < 300 * checkpoint.documents, "\(journalBytes) bytes of journal for \(checkpoint.documents) documents")

        // As if sets of documents after the checkpoint had been written when the run was killed.
        let handle = try #require(FileHandle(forWritingAtPath: store))
        handle.seekToEndOfFile()
        handle.write(Data(repeating: 0xA5, count: 4096))
        handle.closeFile()

        let resumed = try TestSupport.runBinary(base + ["--output", output.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let expected = try PipelineRunnerTests.snapshot(reference)
        let actual = try PipelineRunnerTests.snapshot(output)
        #expect(actual.keys.sorted() == expected.keys.sorted())
        for (path, data) in expected where actual[path] != data {
            Issue.record("\(path) differs after resume")
        }
        #expect(!FileManager.default.fileExists(atPath: staging.path))
    }
}
