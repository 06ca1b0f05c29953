import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Foundation

/// Scores the `boilerplate` stage on ../shared/data/boilerplate-dev (news pages) and
/// ../shared/data/boilerplate-dev-dragnet (news and blog posts with comment threads): full-page
/// text dumps with the main text as gold, scored as their READMEs say: token F1 over 4-token
/// shingles, precision and recall averaged per document, F1 from the two means. Reports per set
/// English and other languages, the even half of the sorted ids (tuned on) and the odd half
/// (held out), the spread of the half difference over 20 random splits, the pages with recall or
/// precision under 0.6 and the share with recall under 0.5, documents emptied, F1 over 100
/// random halves, the keep-everything baseline, and the stage's throughput on one core.
///
/// Arguments: `[--data DIR]... [--options JSON] [--verbose] [--dump DIR] [--runs N]`; each
/// `--data` is a set in the same layout (e.g. the doc pages of scripts/make-doc-pages.sh).
/// `--options` is a `boilerplate` section of pipeline.json (e.g. `{"corpus_repetition": false}`).
enum BoilerplateBenchmark: Benchmark {
    static let name = "boilerplate"
    static let summary = "Token F1 of the boilerplate stage on ../shared/data/boilerplate-dev and -dragnet, and its MB/s on one core."

    struct Page {
        let id: String
        let text: String
        let gold: String
        let english: Bool
    }

    /// The development sets scored when no `--data` is given.
    static let defaultSets = ["../shared/data/boilerplate-dev", "../shared/data/boilerplate-dev-dragnet"]

    static func run(arguments: [String]) throws {
        var sets: [String] = []
        var optionsJSON = "{}"
        var verbose = false
        var dump: String?
        var runs = 5
        var i = 0
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arguments[i] {
            case "--data": sets.append(value); i += 1
            case "--options": optionsJSON = value; i += 1
            case "--dump": dump = value; i += 1
            case "--runs": runs = Int(value) ?? runs; i += 1
            case "--verbose": verbose = true
            default: throw BenchmarkError("unknown argument \(arguments[i])")
            }
            i += 1
        }
        let value = try JSONParser.parse(string: optionsJSON)
        let section = try ConfigSection(file: "--options", path: "boilerplate", value: value, specs: BoilerplateOptions.specs)
        let options = try BoilerplateOptions(section: section)
        for data in sets.isEmpty ? defaultSets : sets {
            let name = URL(fileURLWithPath: data).lastPathComponent
            try runSet(data, options: options, value: value, optionsJSON: optionsJSON, verbose: verbose,
                       dump: dump.map { sets.count > 1 || sets.isEmpty ? $0 + "/" + name : $0 }, runs: runs)
            print("")
        }
    }

    /// Scores and times the stage on one development set.
    static func runSet(_ data: String, options: BoilerplateOptions, value: JSONValue, optionsJSON: String,
                       verbose: Bool, dump: String?, runs: Int) throws {
        let stage = BoilerplateStage(options: options)
        let pages = try load(data)
        try prepare(stage, pages)
        if let dump { try FileManager.default.createDirectory(atPath: dump, withIntermediateDirectories: true) }

        var scores: [Score] = []
        var baseline: [(Double, Double)] = []
        for page in pages {
            let (s, report) = score(stage, page)
            scores.append(s)
            baseline.append(ShingleScorer.score(output: page.text, gold: page.gold))
            if verbose {
                print(String(format: "%@ %@ P=%.3f R=%.3f", String(page.id.prefix(12)), page.english ? "en" : "xx", s.precision, s.recall))
            }
            if let dump {
                var lines = ""
                let removed = Dictionary(report.removedLines.map { ($0.line, $0.reason) }, uniquingKeysWith: { a, _ in a })
                for (n, line) in page.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    lines += (removed[n + 1].map { "- [\($0)] " } ?? "+ ") + line + "\n"
                }
                try lines.write(toFile: dump + "/" + page.id, atomically: false, encoding: .utf8)
            }
        }

        print("\(URL(fileURLWithPath: data).lastPathComponent): \(pages.count) pages from \(data), options \(optionsJSON)")
        summarize(scores)
        if case .object(var fields) = value, !fields.contains(where: { $0.key == "keep_title" }) {
            // The gold is the body without its headline: the same options with the title left
            // out score what the gold describes.
            fields.append((key: "keep_title", value: .bool(false)))
            let body = BoilerplateStage(options: try BoilerplateOptions(section: try ConfigSection(
                file: "--options", path: "boilerplate", value: .object(fields), specs: BoilerplateOptions.specs)))
            try prepare(body, pages)
            let bodyScores = pages.map { score(body, $0).score }
            print("body only (the same options with keep_title false, as the gold has no headline):")
            line("  english", bodyScores.filter { $0.page.english })
            line("  other languages", bodyScores.filter { !$0.page.english })
            line("  odd half english", oddHalf(bodyScores).filter { $0.page.english })
            line("  odd half other", oddHalf(bodyScores).filter { !$0.page.english })
            randomHalves(bodyScores.map { ($0.precision, $0.recall, $0.page.english) })
        }
        let bp = baseline.map(\.0).reduce(0, +) / Double(baseline.count)
        let br = baseline.map(\.1).reduce(0, +) / Double(baseline.count)
        print(String(format: "baseline keep-everything P=%.4f  R=%.4f  F1=%.4f", bp, br, 2 * bp * br / (bp + br)))

        // Throughput of the stage alone, one thread: every page 20 times per run.
        let bytes = pages.reduce(0) { $0 + $1.text.utf8.count } * 20
        let (seconds, cpuSeconds) = Timing.medians(runs: runs) {
            for _ in 0..<20 {
                for page in pages {
                    var state = DocumentState(document: Document(ordinal: 0, id: page.id, source: page.id, text: page.text))
                    _ = stage.process(&state)
                }
            }
        }
        print(String(format: "throughput (one thread): %d bytes, median of %d runs: wall %.3f s = %.1f MB/s, CPU %.3f s = %.1f MB/s",
                     bytes, runs, seconds, Timing.mbPerSecond(bytes, seconds), cpuSeconds, Timing.mbPerSecond(bytes, cpuSeconds)))
    }

    /// Precision, recall and F1 of `subset`: the means of the pages' precision and recall, F1 of the two.
    static func f1(_ subset: [Score]) -> (precision: Double, recall: Double, f1: Double) {
        let p = subset.map(\.precision).reduce(0, +) / Double(max(1, subset.count))
        let r = subset.map(\.recall).reduce(0, +) / Double(max(1, subset.count))
        return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0)
    }

    static func line(_ label: String, _ subset: [Score]) {
        guard !subset.isEmpty else { return }
        let (p, r, f) = f1(subset)
        let emptied = subset.filter(\.emptied).count
        let lowRecall = subset.filter { $0.recall < 0.5 }.count
        print(String(format: "%-22@ docs=%3d  P=%.4f  R=%.4f  F1=%.4f  emptied=%d  recall<0.5: %d (%.1f%%)", label, subset.count, p, r, f,
                     emptied, lowRecall, 100 * Double(lowRecall) / Double(subset.count)))
    }

    /// The figures of one set: all pages, by language, both halves (even indices of the sorted
    /// ids are the half tuned on, odd ones the half held out), the difference between the halves
    /// over random splits, and the pages with recall or precision under 0.6.
    static func summarize(_ scores: [Score]) {
        line("all", scores)
        line("english", scores.filter { $0.page.english })
        line("other languages", scores.filter { !$0.page.english })
        let even = scores.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        line("even half (tuned)", even)
        line("odd half (held out)", oddHalf(scores))
        line("odd half english", oddHalf(scores).filter { $0.page.english })
        line("odd half other", oddHalf(scores).filter { !$0.page.english })
        print(String(format: "even - odd F1: %+.4f", f1(even).f1 - f1(oddHalf(scores)).f1))
        print("half difference over 20 random splits, |F1 of one half - F1 of the other|: \(splitDifferences(scores))")
        randomHalves(scores.map { ($0.precision, $0.recall, $0.page.english) })
        let failing = scores.filter { $0.precision < 0.6 || $0.recall < 0.6 }
        print("pages with recall or precision under 0.6: \(failing.count)")
        for s in failing {
            print(String(format: "  %@  P=%.3f  R=%.3f", s.page.id, s.precision, s.recall))
        }
    }

    /// Min, median and max over 20 seeded random splits of the pages into two halves of the
    /// difference between the halves' F1: how far apart two halves are by luck alone.
    static func splitDifferences(_ scores: [Score]) -> String {
        var random = SplitMix(seed: 11)
        var differences: [Double] = []
        for _ in 0..<20 {
            var order = Array(scores.indices)
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            let half = scores.count / 2
            differences.append(abs(f1(order.prefix(half).map { scores[$0] }).f1 - f1(order.dropFirst(half).map { scores[$0] }).f1))
        }
        differences.sort()
        return String(format: "min %.4f, median %.4f, max %.4f", differences[0], differences[differences.count / 2], differences[differences.count - 1])
    }

    /// F1 of 100 random halves of the pages (seeded): the median and the 5th–95th percentiles
    /// show how much of the gap between the even and the odd half is the luck of one split.
    static func randomHalves(_ scores: [(precision: Double, recall: Double, english: Bool)]) {
        func f1(_ subset: [(precision: Double, recall: Double, english: Bool)]) -> Double? {
            guard !subset.isEmpty else { return nil }
            let p = subset.map(\.precision).reduce(0, +) / Double(subset.count)
            let r = subset.map(\.recall).reduce(0, +) / Double(subset.count)
            return p + r > 0 ? 2 * p * r / (p + r) : 0
        }
        var random = SplitMix(seed: 3)
        var all: [Double] = [], english: [Double] = [], other: [Double] = []
        for _ in 0..<100 {
            var order = Array(scores.indices)
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            let half = order.prefix(scores.count / 2).map { scores[$0] }
            if let f = f1(half) { all.append(f) }
            if let f = f1(half.filter(\.english)) { english.append(f) }
            if let f = f1(half.filter { !$0.english }) { other.append(f) }
        }
        func spread(_ values: [Double]) -> String {
            let v = values.sorted()
            guard !v.isEmpty else { return "-" }
            return String(format: "%.4f (%.4f–%.4f)", v[v.count / 2], v[v.count * 5 / 100], v[v.count * 95 / 100])
        }
        print("random halves (100), F1 median (5th–95th percentile): all \(spread(all)), english \(spread(english)), other \(spread(other))")
    }

    /// A page's precision and recall, and whether the stage left it empty.
    typealias Score = (page: Page, precision: Double, recall: Double, emptied: Bool)

    /// Runs `stage` on `page` and scores its output against the gold (a dropped page scores as empty).
    static func score(_ stage: BoilerplateStage, _ page: Page) -> (score: Score, report: StageReport) {
        var state = DocumentState(document: Document(ordinal: 0, id: page.id, source: page.id, text: page.text))
        let report = stage.process(&state)
        let output = report.dropReason == nil ? state.text : ""
        let s = ShingleScorer.score(output: output, gold: page.gold)
        return ((page, s.precision, s.recall, output.isEmpty), report)
    }

    /// The odd half of the pages sorted by id: held out until the stage's fourth round of
    /// tuning looked at its failures.
    static func oddHalf(_ scores: [Score]) -> [Score] {
        scores.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    }

    /// Runs the corpus pre-pass of `stage` (when it has one) over the pages.
    static func prepare(_ stage: BoilerplateStage, _ pages: [Page]) throws {
        guard let prepass = stage.prepass else { return }
        for page in pages { prepass.count(prepass.keys(of: page.text)) }
        try prepass.finish()
    }

    /// Pages sorted by id, normalized as the pipeline's `normalize` stage would leave them.
    static func load(_ data: String) throws -> [Page] {
        let normalize = NormalizeStage(options: .defaults)
        let names = try FileManager.default.contentsOfDirectory(atPath: data + "/dumps").filter { $0.hasSuffix(".txt") }.sorted()
        return try names.map { name in
            var state = DocumentState(document: Document(ordinal: 0, id: name, source: name,
                                                         text: try String(contentsOfFile: data + "/dumps/" + name, encoding: .utf8)))
            _ = normalize.process(&state)
            let gold = try String(contentsOfFile: data + "/gold/" + name, encoding: .utf8)
            let english = CLD2.detect(gold, bestEffort: true, spans: false).languages.first?.code == "en"
            // Native UTF-8 storage, as the readers produce (a bridged String would be copied on every access).
            let text = String(decoding: Array(state.text.utf8), as: UTF8.self)
            return Page(id: name, text: text, gold: gold, english: english)
        }
    }
}
