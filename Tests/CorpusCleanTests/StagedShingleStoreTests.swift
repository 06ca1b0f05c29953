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

    /// The options the resume tests run with: the defaults, the signature estimate (no store),
    /// and no exact-hash step (exact copies compared as near ones).
    static let resumeOptions: [DedupOptions] = {
        var signature = DedupOptions.defaults
        signature.verify = .signature
        var noExact = DedupOptions.defaults
        noExact.exact = false
        return [.defaults, signature, noExact]
    }()

    /// An interrupted run: `texts` decided with a staged store in a new staging directory,
    /// checkpointed after `cut` documents, then two more decided. Returns the staging directory,
    /// the journal entries of the first `cut` documents and the checkpointed store length (nil
    /// when the run keeps no store).
    static func interruptedRun(_ options: DedupOptions, _ texts: [String], cut: Int) throws -> (staging: String, journal: [[UInt8]], length: Int?) {
        let staging = try TestSupport.temporaryDirectory("staging").path
        var journal: [[UInt8]] = []
        var length: Int?
        let interrupted = DedupStage(options: options)
        interrupted.resumeStaging = ResumeStaging(directory: staging, resumedLengths: nil)
        try interrupted.begin()
        for (i, text) in texts.prefix(cut + 2).enumerated() {
            var state = Self.state(text, i)
            interrupted.prepare(&state)
            if i < cut { journal.append(interrupted.journalEntry(state)) }
            _ = interrupted.decide(&state)
            if i == cut - 1 {
                try interrupted.check()
                length = interrupted.resumeFileLengths[Self.name]
            }
        }
        try interrupted.check()
        return (staging, journal, length)
    }

    /// A stage resuming the interrupted run in `staging`, its store cut back to `length`.
    static func resumedStage(_ options: DedupOptions, staging: String, length: Int?) throws -> DedupStage {
        let resumed = DedupStage(options: options)
        resumed.resumeStaging = ResumeStaging(directory: staging, resumedLengths: length.map { [Self.name: $0] } ?? [:])
        try resumed.begin()
        return resumed
    }

    @Test(arguments: resumeOptions)
    func aResumedStageCutsTheStoreBackAndDecidesAsAnUninterruptedOne(options: DedupOptions) throws {
        let texts = try Self.texts()
        let cut = texts.count / 2
        let uninterrupted = DedupStage(options: options)
        uninterrupted.resumeStaging = ResumeStaging(directory: try TestSupport.temporaryDirectory("a").path, resumedLengths: nil)
        try uninterrupted.begin()
        let expected = texts.enumerated().map { i, text in
            var state = Self.state(text, i)
            uninterrupted.prepare(&state)
            return Self.outcome(uninterrupted.decide(&state))
        }
        #expect(expected.contains { $0.hasSuffix("1.0 false") }, "no document with the set of an earlier one")

        let (staging, journal, length) = try Self.interruptedRun(options, texts, cut: cut)
        let store = (staging as NSString).appendingPathComponent(Self.name)
        if options.verify == .exact {
            let length = try #require(length)
            #expect(length > 0 && Self.size(store) > length)
        } else {
            #expect(length == nil && Self.size(store) == -1, "a store without exact verification")
        }
        // No shingle set in the journal: an entry is its id, hashes, counts and band keys (or signature).
        #expect(journal.allSatisfy { $0.count < 600 }, "\(journal.map(\.count).max() ?? 0)")

        let resumed = try Self.resumedStage(options, staging: staging, length: length)
        if let length { #expect(Self.size(store) == length) }
        for entry in journal { resumed.replay(entry) }
        try resumed.replayed()
        var actual = Array(expected.prefix(cut))
        for (i, text) in texts.enumerated().dropFirst(cut) {
            var state = Self.state(text, i)
            resumed.prepare(&state)
            actual.append(Self.outcome(resumed.decide(&state)))
        }
        try resumed.check()
        #expect(actual == expected)
    }

    /// What `replayed` throws after `journal` is replayed on the store of `staging` cut to `length`.
    static func replayError(_ journal: [[UInt8]], staging: String, length: Int?) throws -> InputError? {
        let resumed = try Self.resumedStage(.defaults, staging: staging, length: length)
        for entry in journal { resumed.replay(entry) }
        do { try resumed.replayed() } catch { return error }
        return nil
    }

    /// A power loss can leave the store's checkpointed tail zero-filled: the sets read back do not
    /// give the journal's band keys, and the resume is refused instead of deciding on them.
    @Test func aZeroFilledStoreIsRefused() throws {
        let texts = try Self.texts()
        let (staging, journal, checkpointed) = try Self.interruptedRun(.defaults, texts, cut: texts.count / 2)
        let length = try #require(checkpointed)
        let zeroed = min(length, 4096)
        let handle = try #require(FileHandle(forWritingAtPath: (staging as NSString).appendingPathComponent(Self.name)))
        handle.seek(toFileOffset: UInt64(length - zeroed))
        handle.write(Data(count: zeroed))
        handle.closeFile()
        let error = try #require(try Self.replayError(journal, staging: staging, length: length))
        #expect(error.path.hasSuffix(Self.name) && error.message.contains("run again without --resume"), "\(error)")
    }

    /// A journal that ends before the store does (its checkpointed length) is refused.
    @Test func aStoreNotReadBackToItsCheckpointIsRefused() throws {
        let texts = try Self.texts()
        let (staging, journal, length) = try Self.interruptedRun(.defaults, texts, cut: texts.count / 2)
        let error = try #require(try Self.replayError(journal.dropLast(3), staging: staging, length: length))
        #expect(error.message.contains("run again without --resume"), "\(error)")
        #expect(try Self.replayError(journal, staging: staging, length: length) == nil)
    }

    /// An entry that cannot be read (cut short, or with a shingle count no set can have) fails the
    /// replay instead of being skipped, which would give every later set to the wrong document.
    @Test func aMalformedEntryIsRefused() throws {
        let texts = try Self.texts()
        let (staging, journal, length) = try Self.interruptedRun(.defaults, texts, cut: texts.count / 2)
        var cutShort = journal
        cutShort[3].removeLast()
        let error = try #require(try Self.replayError(cutShort, staging: staging, length: length))
        #expect(error.path.hasSuffix(OutputWriter.journalName) && error.message.contains("run again without --resume"), "\(error)")

        // The shingle count after the id, the exact hash and the length.
        var huge = journal
        let at = 4 + Int(huge[3][0]) + 16
        for k in 0..<8 { huge[3][at + k] = 0xFF }
        #expect(try Self.replayError(huge, staging: staging, length: length) != nil)
    }

    /// dedup's hand-written journal entry is what `BinaryWriter` writes.
    @Test(arguments: resumeOptions)
    func theJournalEntryIsBinaryWritersEncoding(options: DedupOptions) throws {
        let stage = DedupStage(options: options)
        for (i, text) in try Self.texts().prefix(12).enumerated() {
            var state = Self.state(text, i)
            stage.prepare(&state)
            let prepared = try #require(state.prepared(DedupSignature.self, by: stage.name))
            var w = BinaryWriter()
            w.string(state.document.id)
            w.uint64(prepared.exactHash)
            w.uint64(UInt64(prepared.length))
            w.uint64(UInt64(prepared.shingleCount))
            w.uint64s(options.verify == .exact ? prepared.bandKeys : [])
            w.uint32s(options.verify == .exact ? [] : prepared.signature)
            w.uint64s([])
            #expect(stage.journalEntry(state) == w.bytes)
        }
    }

    @Test func aStoreShorterThanTheCheckpointIsRefused() throws {
        let staging = try TestSupport.temporaryDirectory("staging").path
        try Data(count: 80).write(to: URL(fileURLWithPath: (staging as NSString).appendingPathComponent(Self.name)))
        let stage = DedupStage(options: .defaults)
        stage.resumeStaging = ResumeStaging(directory: staging, resumedLengths: [Self.name: 800])
        let error = #expect(throws: InputError.self) { try stage.begin() }
        #expect(error?.message.contains("run again without --resume") == true, "\(String(describing: error))")
    }

    /// The arguments of a run of dedup alone over `ResumeTests.largeCorpus`, checkpointed every
    /// 25 documents, with its config in `root` (the output not given).
    static func dedupRun(in root: URL) throws -> [String] {
        let input = try ResumeTests.largeCorpus()
        let config = root.appendingPathComponent("pipeline.json")
        try #"{"batch_size": 25, "stages": ["dedup"]}"#.write(to: config, atomically: true, encoding: .utf8)
        return ["run", "--config", config.path, "--input", input.path]
    }

    /// A killed run leaves the sets in `.staging`, at least as long as its checkpoint says, and a
    /// journal without them; sets written after the checkpoint are cut off by `--resume`, which
    /// gives the uninterrupted run's output.
    @Test func aKilledRunResumesFromTheStagedStore() throws {
        let root = try TestSupport.temporaryDirectory("staged")
        let base = try Self.dedupRun(in: root)
        let reference = root.appendingPathComponent("reference")
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

        // Resumed and killed again: the second resume reads back the sets the first one wrote,
        // after the checkpointed ones, which it must have written where the cut-off ones were.
        let (killedAgainAt, _) = try KilledRun.run(base + ["--output", output.path, "--resume"], output: output,
                                                   documents: killedAt + 300)
        #expect(killedAgainAt >= killedAt + 300 && killedAgainAt < 2500, "the resumed run was not killed midway (\(killedAgainAt))")
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

    /// A staged file shorter than its checkpoint says (its tail lost with a power loss) stops the
    /// resume (exit 1) instead of replaying a prefix of the journal or extending the file with zeros.
    @Test(arguments: [OutputWriter.journalName, OutputWriter.manifestName, OutputWriter.rejectedName])
    func aFileShorterThanItsCheckpointIsRefused(name: String) throws {
        let root = try TestSupport.temporaryDirectory("short-file")
        let output = root.appendingPathComponent("out")
        let base = try Self.dedupRun(in: root) + ["--output", output.path]
        let (killedAt, _) = try KilledRun.run(base, output: output, documents: 300)
        #expect(killedAt >= 300, "the run was not killed midway (\(killedAt))")
        let file = output.appendingPathComponent(".staging/" + name).path
        let checkpoint = try #require(try RunCheckpoint.load(path: output.appendingPathComponent(".staging/" + RunCheckpoint.fileName).path))
        let length = try #require(checkpoint.offsets[name])
        #expect(length > 10 && truncate(file, off_t(length - 10)) == 0)
        let resumed = try TestSupport.runBinary(base + ["--resume"])
        #expect(resumed.status == 1)
        #expect(resumed.stderr.contains(file) && resumed.stderr.contains("fewer than") && resumed.stderr.contains("run again without --resume"),
                "\(resumed.stderr)")
    }
}
