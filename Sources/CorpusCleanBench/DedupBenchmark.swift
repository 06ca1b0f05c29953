import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Dispatch
import Foundation
import Logging
import Synchronization

/// Near-duplicate quality and speed of the dedup stage on a corpus of installed Debian
/// documentation (see `DedupCorpus`) against the exact truth (`PairTruth`), at threshold 0.8.
///
/// Arguments: `[LIMIT] [signatures | jsonl FILE [MB]]`, or `perf-dev [--data DIR]` for the
/// stage alone on ../shared/data/perf-dev: recall and precision on the near-duplicates of text
/// written without spaces (`cjk-near-dups.tsv`) and the stage's throughput (`DedupPerfDev`).
enum DedupBenchmark: Benchmark {
    static let name = "dedup"
    static let summary = "Dedup precision/recall/F1 at 0.8 against exact Jaccard on >= 20,000 Debian changelog entries and man pages with edited copies; docs/s, signature MB/s per core, bytes per document. `dedup perf-dev [--data DIR]`: recall and precision on perf-dev's CJK near-duplicates (cjk-near-dups.tsv), recall of its planted near copies, the stage's MB/s and docs/s."

    static func run(arguments: [String]) throws {
        if arguments.first == "perf-dev" {
            try DedupPerfDev.run(arguments: Array(arguments.dropFirst()))
            return
        }
        let threshold = 0.8
        let limit = arguments.first.flatMap { Int($0) } ?? Int.max
        var start = DispatchTime.now().uptimeNanoseconds
        let corpus = DedupCorpus.build(limit: limit)
        let docs = corpus.docs
        let bytes = docs.reduce(0) { $0 + $1.text.utf8.count }
        let changelogs = docs.filter { $0.id.hasPrefix("changelog/") && !$0.id.hasSuffix("#edited") }.count
        print("corpus: \(docs.count) docs (\(changelogs) Debian changelog entries + \(corpus.originals - changelogs) man pages + \(docs.count - corpus.originals) edited copies), \(bytes) bytes, built in \(seconds(since: start)) s")
        if let at = arguments.firstIndex(of: "jsonl"), at + 1 < arguments.count {
            try writeLarge(docs, to: arguments[at + 1], megabytes: arguments.dropFirst(at + 2).first.flatMap { Int($0) } ?? 1000)
            return
        }
        if arguments.contains("signatures") {
            profileSignatures(docs, bytes: bytes)
            return
        }
        guard docs.count >= 20000 else {
            print("dedup: fewer than 20,000 documents installed here (changelogs and man pages); the figures are not comparable")
            return
        }

        // Truth: documents with the same shingle set are one group; pairs of groups at J >= 0.8.
        start = DispatchTime.now().uptimeNanoseconds
        let shingler = Shingler(n: 5)
        let sets = docs.map { shingler.shingles($0.text) }
        var groupOf: [Int] = Array(repeating: -1, count: docs.count)
        var groupFirst: [Int] = []
        var groupSets: [[UInt64]] = []
        var bySet: [[UInt64]: Int] = [:]
        for i in docs.indices where !sets[i].isEmpty {
            if let g = bySet[sets[i]] { groupOf[i] = g; continue }
            bySet[sets[i]] = groupSets.count
            groupOf[i] = groupSets.count
            groupFirst.append(i)
            groupSets.append(sets[i])
        }
        let truth = PairTruth.pairs(groupSets, threshold: threshold)
        var truthDrop = Set<Int>()
        var earliestPartner = groupFirst
        for pair in truth.keys {
            earliestPartner[pair.a] = min(earliestPartner[pair.a], groupFirst[pair.b])
            earliestPartner[pair.b] = min(earliestPartner[pair.b], groupFirst[pair.a])
        }
        for i in docs.indices where groupOf[i] >= 0 {
            let g = groupOf[i]
            if groupFirst[g] < i || earliestPartner[g] < i { truthDrop.insert(i) }
        }
        let nearBand = truth.values.filter { $0 < 0.85 }.count
        print("truth: \(groupSets.count) distinct shingle sets, \(truth.count) pairs with J >= \(threshold) (\(nearBand) of them below 0.85), \(truthDrop.count) documents to drop; computed in \(seconds(since: start)) s")

        let groups = groupOf
        let index = Dictionary(uniqueKeysWithValues: docs.enumerated().map { ($1.id, $0) })
        let configs: [(String, [String: String])] = [
            ("v1: 128 permutations, LSH at 0.8, signature verification", ["permutations": "128", "lsh_threshold": "0", "verify": "signature"]),
            ("128 permutations, LSH at 0.7, signature verification", ["permutations": "128", "lsh_threshold": "0.7", "verify": "signature"]),
            ("128 permutations, LSH at 0.7, exact verification", ["lsh_threshold": "0.7"]),
            ("default: 128 permutations, LSH at 0.75, exact verification", [:]),
            ("256 permutations, LSH at 0.75, exact verification", ["permutations": "256", "lsh_threshold": "0.75"]),
        ]
        for (label, overrides) in configs {
            var json = "{"
            for (key, value) in overrides { json += "\"\(key)\": \(value.first!.isLetter ? "\"\(value)\"" : value)," }
            json = String(json.dropLast(json.count > 1 ? 1 : 0)) + "}"
            let options = try DedupOptions(section: try ConfigSection(file: "<bench>", path: "dedup",
                                                                  value: try JSONParser.parse(string: json),
                                                                  specs: DedupOptions.specs))
            print("== \(label): bands \(DedupStage(options: options).lsh.bands) x rows \(DedupStage(options: options).lsh.rows)")
            let found = Mutex<[PairTruth.Pair: Double]>([:])
            let stage = DedupStage(options: options) { a, b, similarity in
                guard let ga = index[a].map({ groups[$0] }), let gb = index[b].map({ groups[$0] }), ga != gb else { return }
                found.withLock { $0[PairTruth.Pair(a: min(ga, gb), b: max(ga, gb))] = similarity }
            }
            let (states, _) = try runStage(stage, docs: docs, workers: 2)
            let predicted = found.withLock { $0 }
            let hits = predicted.keys.filter { truth[$0] != nil }.count
            report("pairs", hits: hits, predicted: predicted.count, truth: truth.count)
            let dropped = Set(states.indices.filter { states[$0].status == .dropped })
            report("documents", hits: dropped.intersection(truthDrop).count, predicted: dropped.count, truth: truthDrop.count)

            let speed = Timing.median(runs: 3) { _ = try? runStage(DedupStage(options: options), docs: docs, workers: 2) }
            var prepared = docs.enumerated().map { DocumentState(document: Document(ordinal: $0, id: $1.id, source: $1.id, text: $1.text)) }
            let signatureSeconds = Timing.median(runs: 3) {
                for i in prepared.indices { stage.prepare(&prepared[i]) }
            }
            let memory = stage.indexMemory
            print("  speed: whole stage \(Int(Double(docs.count) / speed)) docs/s (\(format(Timing.mbPerSecond(bytes, speed))) MB/s) with 2 workers; signatures \(format(Timing.mbPerSecond(bytes, signatureSeconds))) MB/s on 1 core; index \(memory.documents) documents, \(memory.bytes / max(1, memory.documents)) bytes per document in memory")
        }
    }

    /// Writes the corpus as JSONL, repeated until `megabytes`; every repeat replaces each word
    /// with probability 0.3 so that repeats are new documents, not copies.
    static func writeLarge(_ docs: [DedupCorpus.Doc], to path: String, megabytes: Int) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let out = FileHandle(forWritingAtPath: path) else { throw CocoaError(CocoaError.Code.fileWriteNoPermission) }
        var random = SplitMix(seed: 7)
        var written = 0, count = 0, round = 0
        while written < megabytes * 1_000_000 {
            var chunk = Data()
            for doc in docs where written + chunk.count < megabytes * 1_000_000 {
                let text = round == 0 ? doc.text : doc.text.split(separator: " ", omittingEmptySubsequences: false)
                    .map { random.next() % 10 < 3 ? "w\(random.next() % 100_000)" : String($0) }.joined(separator: " ")
                var writer = JSONWriter()
                writer.value(.object([("id", .string("\(round)/\(doc.id)")), ("text", .string(text))]))
                chunk.append(contentsOf: writer.bytes)
                chunk.append(0x0A)
                count += 1
            }
            out.write(chunk)
            written += chunk.count
            round += 1
        }
        try out.close()
        print("wrote \(count) documents, \(written) bytes to \(path)")
    }

    /// Single-core throughput of each part of the signature computation.
    static func profileSignatures(_ docs: [DedupCorpus.Doc], bytes: Int) {
        let shingler = Shingler(n: 5)
        let stage = DedupStage(options: .defaults)
        var states = docs.enumerated().map { DocumentState(document: Document(ordinal: $0, id: $1.id, source: $1.id, text: $1.text)) }
        let parts: [(String, () -> Void)] = [
            ("collapsed-text hash", { for d in docs { _ = Shingler.collapsedHash(d.text) } }),
            ("token hashes", { for d in docs { _ = shingler.tokenHashes(d.text) } }),
            ("shingles", { for d in docs { _ = shingler.shingles(d.text) } }),
            ("whole signature (prepare)", { for i in states.indices { stage.prepare(&states[i]) } }),
        ]
        for (label, body) in parts {
            let s = Timing.median(runs: 3, body)
            print("  \(label): \(format(Timing.mbPerSecond(bytes, s))) MB/s on 1 core")
        }
    }

    /// Runs the stage alone over the documents in batches of 512; returns the states and seconds.
    static func runStage(_ stage: DedupStage, docs: [DedupCorpus.Doc], workers: Int) throws -> ([DocumentState], Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let runner = PipelineRunner(steps: [.corpus(stage)], workers: workers, batchSize: 512,
                                    logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        var summary = RunSummary(stages: [.dedup], configHash: "", input: "")
        try stage.begin()
        var states: [DocumentState] = []
        states.reserveCapacity(docs.count)
        for offset in stride(from: 0, to: docs.count, by: 512) {
            var batch = (offset..<min(docs.count, offset + 512)).map {
                DocumentState(document: Document(ordinal: $0, id: docs[$0].id, source: docs[$0].id, text: docs[$0].text))
            }
            runner.process(&batch, summary: &summary)
            states.append(contentsOf: batch)
        }
        if stage.holdsDocuments { stage.settle(&states) }
        try stage.finish()
        return (states, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    static func report(_ level: String, hits: Int, predicted: Int, truth: Int) {
        let precision = predicted == 0 ? 1 : Double(hits) / Double(predicted)
        let recall = truth == 0 ? 1 : Double(hits) / Double(truth)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        print("  \(level): precision \(format(precision, 4)) recall \(format(recall, 4)) F1 \(format(f1, 4)) (\(hits) of \(predicted) found, \(truth) true)")
    }

    static func format(_ x: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", x) }

    static func seconds(since start: UInt64) -> String {
        format(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, 2)
    }
}
