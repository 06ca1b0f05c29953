import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Dispatch
import Foundation

/// `corpusclean-bench dedup perf-dev [--data DIR]`: the dedup stage alone with its default
/// options over perf-dev's `corpus.jsonl.gz` (input order, 2 workers, batches of 512, as
/// `DedupBenchmark.runStage` runs it), scored against the truths that come with it
/// (DIR/README.md):
///
/// - near-duplicates in text written without spaces (`cjk-near-dups.tsv`): a pair is found when
///   one of the two is dropped as a duplicate (`exact_duplicate` or `near_duplicate`) and both
///   are in the same cluster (`duplicate_of` followed to the root; a kept document is its own
///   root). Precision: the share of Japanese or Chinese documents dropped as `near_duplicate`
///   whose character 5-gram Jaccard (`CharShingleJaccard`) with the document they name is at
///   least 0.7.
/// - for comparison only, the same recall over every planted near pair of `corpus.dups.tsv`
///   (many of them fall below 0.8 by design);
/// - the stage's throughput in that run (MB of text and documents per second).
enum DedupPerfDev {
    /// Jaccard under the contract at or above which a near-duplicate drop counts as right.
    static let precisionThreshold = 0.7
    /// How many wrong drops to list by id.
    static let listed = 10

    /// ICU script codes of Han, Hiragana and Katakana.
    static let cjkScripts: Set<Int32> = Set((0..<Int32(256)).filter { ["Hani", "Hira", "Kana"].contains(Script.isoCode($0)) })
    /// ICU script codes of Hiragana and Katakana: a CJK text with kana is Japanese, else Chinese.
    static let kanaScripts: Set<Int32> = Set((0..<Int32(256)).filter { ["Hira", "Kana"].contains(Script.isoCode($0)) })

    static func run(arguments: [String]) throws {
        var data = "../shared/data/perf-dev"
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--data":
                guard i + 1 < arguments.count else { throw BenchmarkError("--data needs a directory") }
                data = arguments[i + 1]
                i += 1
            default:
                throw BenchmarkError("unknown argument \(arguments[i]); usage: dedup perf-dev [--data DIR]")
            }
            i += 1
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let cjkPairs = try readPairs(data + "/cjk-near-dups.tsv")
        let plantedNear = try readPairs(data + "/corpus.dups.tsv", kindPrefix: "near")

        var start = DispatchTime.now().uptimeNanoseconds
        let docs = try readCorpus(data + "/corpus.jsonl.gz")
        let bytes = docs.reduce(0) { $0 + $1.text.utf8.count }
        print("perf-dev: \(docs.count) documents, \(format(Double(bytes) / 1e6, 1)) MB of text, read in \(DedupBenchmark.seconds(since: start)) s")

        let (states, seconds) = try DedupBenchmark.runStage(DedupStage(options: .defaults), docs: docs, workers: 2)
        let outcome = DedupOutcome(docs: docs, states: states)

        let cjk = recall(cjkPairs, outcome)
        start = DispatchTime.now().uptimeNanoseconds
        var drops = 0
        var right = 0
        var japanese = (drops: 0, right: 0)
        var wrong: [(id: String, named: String, jaccard: Double)] = []
        for (index, state) in states.enumerated() where state.reason == "near_duplicate" && isChineseOrJapanese(docs[index].text) {
            drops += 1
            let hasKana = docs[index].text.unicodeScalars.contains { kanaScripts.contains(Script.code(of: $0)) }
            if hasKana { japanese.drops += 1 }
            guard let named = state.duplicate?.duplicateOf, let other = outcome.index[named] else {
                wrong.append((docs[index].id, state.duplicate?.duplicateOf ?? "?", 0))
                continue
            }
            let jaccard = CharShingleJaccard.similarity(docs[index].text, docs[other].text)
            if jaccard >= precisionThreshold {
                right += 1
                if hasKana { japanese.right += 1 }
            } else {
                wrong.append((docs[index].id, named, jaccard))
            }
        }
        let precision = drops == 0 ? 1 : Double(right) / Double(drops)
        print("perf-dev CJK near-duplicates (cjk-near-dups.tsv, \(cjkPairs.count) pairs): recall \(format(cjk.recall, 4)) (\(cjk.found) of \(cjkPairs.count)); precision \(format(precision, 4)) (\(right) of \(drops) CJK near-duplicate drops at char-5 Jaccard >= \(precisionThreshold))")
        print("  of those drops: \(japanese.drops) Japanese (with kana), \(japanese.right) at >= \(precisionThreshold); \(drops - japanese.drops) Chinese (no kana), \(right - japanese.right) at >= \(precisionThreshold)")
        if !cjk.missed.isEmpty {
            print("  missed: " + cjk.missed.prefix(listed).map { "\($0.dup) ~ \($0.source)" }.joined(separator: ", ") + (cjk.missed.count > listed ? ", ..." : ""))
        }
        if cjk.unknown > 0 { print("  \(cjk.unknown) pairs name ids that are not in the corpus (counted as missed)") }
        for w in wrong.prefix(listed) {
            print("  below \(precisionThreshold): \(w.id) dropped as a near-duplicate of \(w.named), char-5 Jaccard \(format(w.jaccard, 4))")
        }
        if wrong.count > listed { print("  ... and \(wrong.count - listed) more below \(precisionThreshold)") }

        let planted = recall(plantedNear, outcome)
        print("perf-dev planted near copies (corpus.dups.tsv, kind near, \(plantedNear.count) pairs; information only, many are below 0.8 by design): recall \(format(planted.recall, 4)) (\(planted.found) of \(plantedNear.count))")
        let exact = states.filter { $0.reason == "exact_duplicate" }.count
        let near = states.filter { $0.reason == "near_duplicate" }.count
        print("dedup stage alone (default options, 2 workers, batches of 512): \(format(seconds, 2)) s, \(format(Timing.mbPerSecond(bytes, seconds), 2)) MB/s, \(Int((Double(docs.count) / seconds).rounded())) docs/s; dropped \(exact) exact and \(near) near duplicates")
        print("scored in \(DedupBenchmark.seconds(since: start)) s; whole run \(DedupBenchmark.seconds(since: started)) s")
    }

    /// The documents of a JSONL(.gz) file in input order. Records the reader rejects (which a
    /// pipeline run would report as errors before any stage) are left out with a note.
    static func readCorpus(_ path: String) throws -> [DedupCorpus.Doc] {
        var reader = try JSONLReader(path: path, idField: "id", textField: "text")
        var docs: [DedupCorpus.Doc] = []
        var errors: [String] = []
        while let document = reader.next() {
            if let error = document.readError {
                errors.append("\(document.source): \(error)")
                continue
            }
            docs.append(DedupCorpus.Doc(id: document.id, text: document.text))
        }
        if let error = reader.streamError { throw BenchmarkError("\(path): \(error)") }
        if !errors.isEmpty {
            print("perf-dev: \(errors.count) records left out: " + errors.prefix(3).joined(separator: "; "))
        }
        return docs
    }

    /// The (dup_id, source_id) pairs of a TSV file, header line skipped; with `kindPrefix`, only
    /// the rows whose third column starts with it.
    static func readPairs(_ path: String, kindPrefix: String? = nil) throws -> [(dup: String, source: String)] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchmarkError("cannot read \(path)")
        }
        var pairs: [(dup: String, source: String)] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 2, columns[0] != "dup_id" else { continue }
            if let kindPrefix, columns.count < 3 || !columns[2].hasPrefix(kindPrefix) { continue }
            pairs.append((columns[0], columns[1]))
        }
        return pairs
    }

    /// Found pairs under the truth's contract: one of the two dropped as a duplicate, both with
    /// the same cluster root.
    static func recall(_ pairs: [(dup: String, source: String)], _ outcome: DedupOutcome)
        -> (found: Int, recall: Double, missed: [(dup: String, source: String)], unknown: Int) {
        var found = 0
        var missed: [(dup: String, source: String)] = []
        var unknown = 0
        for pair in pairs {
            guard outcome.index[pair.dup] != nil, outcome.index[pair.source] != nil else {
                unknown += 1
                missed.append(pair)
                continue
            }
            let dropped = outcome.isDuplicateDrop(pair.dup) || outcome.isDuplicateDrop(pair.source)
            if dropped && outcome.root(pair.dup) == outcome.root(pair.source) { found += 1 } else { missed.append(pair) }
        }
        return (found, pairs.isEmpty ? 1 : Double(found) / Double(pairs.count), missed, unknown)
    }

    /// Japanese or Chinese: more than half of the letters (general category L*) are Han,
    /// Hiragana or Katakana by ICU's script property.
    static func isChineseOrJapanese(_ text: String) -> Bool {
        var letters = 0
        var cjk = 0
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                letters += 1
                if cjkScripts.contains(Script.code(of: scalar)) { cjk += 1 }
            default:
                continue
            }
        }
        return cjk * 2 > letters
    }

    static func format(_ x: Double, _ decimals: Int) -> String { DedupBenchmark.format(x, decimals) }
}
