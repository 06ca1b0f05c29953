import Foundation
import Logging
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Documents that share an id: one warning per run, one manifest line per document.
@Suite struct DuplicateIDTests {
    /// Runs `ids` as JSONL records (normalize only) with a capturing logger; `batched` takes
    /// the step-by-step path of the runner instead of the streaming one.
    private func run(_ ids: [String], batched: Bool = false) throws -> (log: CapturingLogHandler, manifest: [JSONValue]) {
        let dir = try TestSupport.temporaryDirectory("dup-ids")
        let input = dir.appendingPathComponent("in.jsonl")
        let lines = ids.enumerated().map { #"{"id": "\#($1)", "text": "Record number \#($0) of the corpus."}"# }
        try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out")
        let log = CapturingLogHandler()
        var job = RunJob(config: try TestSupport.config(#"{"stages": ["normalize"], "workers": 2, "batch_size": 3}"#),
                         inputPath: input.path, outputDirectory: output.path, logger: log.logger)
        if batched { job.stepObserver = { _, _ in } }
        _ = try job.run()
        return (log, try TestSupport.manifest(output))
    }

    private func duplicateWarnings(_ log: CapturingLogHandler) -> [(message: String, metadata: Logger.Metadata)] {
        log.messages(at: .warning).filter { $0.message.hasPrefix("duplicate document ids") }
    }

    /// The ids' table grows past its first size and still finds every id seen.
    @Test func manyIDsAreCountedOnceEach() {
        var ids = DuplicateIDs()
        for n in 0..<10_000 { ids.add("doc-\(n)") }
        #expect(ids.count == 0)
        for n in stride(from: 0, to: 10_000, by: 7) { ids.add("doc-\(n)") }
        ids.add("")
        ids.add("")
        #expect(ids.count == 1429 + 1)
        #expect(ids.first == ["doc-0", "doc-7", "doc-14", "doc-21", "doc-28"])
    }

    /// Hashes that share their low bits (which alone picked the slot, so that crafted ids
    /// could make each look-up walk past all the others) spread over the slots, whatever the
    /// run's seed; and the seed changes no answer.
    @Test func hashesThatShareLowBitsSpreadOverTheSlots() {
        for seed: UInt64 in [0, 0x0123_4567_89AB_CDEF, .random(in: .min ... .max)] {
            for bits in [12, 32, 54] {
                let slots = Set((1...512).map { DuplicateIDs.slot(UInt64($0) << bits, seed: seed, shift: 54) })
                #expect(slots.count > 300, "\(seed) \(bits)")
            }
            var ids = DuplicateIDs(seed: seed)
            for n in 0..<3_000 { ids.add("doc-\(n % 2_500)") }
            #expect(ids.count == 500)
            #expect(ids.first == ["doc-0", "doc-1", "doc-2", "doc-3", "doc-4"])
        }
    }

    @Test(arguments: [false, true]) func repeatedIDsGiveOneWarningWithTheCountAndTheFirstIDs(batched: Bool) throws {
        // d0 three times, d1...d6 twice: 8 documents repeat an earlier id, 7 ids repeat.
        let ids = ["d0", "u", "d0"] + (1...6).map { "d\($0)" } + (1...6).map { "d\($0)" } + ["d0", "v"]
        let (log, manifest) = try run(ids, batched: batched)
        #expect(manifest.map { $0["id"]?.stringValue } == ids)
        let warnings = duplicateWarnings(log)
        try #require(warnings.count == 1)
        #expect(warnings[0].metadata["duplicates"]?.description == "8")
        #expect(warnings[0].metadata["first_ids"] == .array(["d0", "d1", "d2", "d3", "d4"].map { .string($0) }))
    }

    @Test func uniqueIDsGiveNoWarning() throws {
        let (log, manifest) = try run(["a", "b", "c", "d"])
        #expect(manifest.count == 4)
        #expect(duplicateWarnings(log).isEmpty)
        #expect(log.messages(at: .info).contains { $0.message == "run" })
    }
}
