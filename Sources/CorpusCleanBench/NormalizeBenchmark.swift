import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Foundation

/// The `normalize` stage alone: its suites (mojibake, the repair suites of Tests/Data/repair,
/// clean text, web noise, Unicode's NormalizationTest) and its throughput on one core, on
/// clean text and on text where a third of the documents are mojibake.
///
/// Arguments: `[--throughput clean|repair|perf-dev|perf-dev-repair] [--runs N] [--suites-only]
/// [--perf-dev PATH]`. `--throughput` skips the suites and times one corpus only (for
/// profilers); `--suites-only` skips the timing. perf-dev (default
/// ../shared/data/perf-dev/corpus.jsonl.gz, timed when present) is timed as it is and with
/// every third document mis-decoded.
/// `SHOW_MISSES=N` in the environment prints the first N misses of the repair suites (the
/// generated suite's held-out half among them); `SHOW_TUNE_MISSES=1` prints every case of the
/// tuning half whose original is not restored, and no held-out case; `REPAIR_DUMP=file` writes
/// the answer of every case of the generated suite, both halves.
enum NormalizeBenchmark: Benchmark {
    static let name = "normalize"
    static let summary = "normalize stage: repair suites, NormalizationTest conformance, single-core MB/s on clean and 1/3-broken text."

    static func run(arguments: [String]) throws {
        let value = { (flag: String) in arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
        let only = value("--throughput")
        let runs = value("--runs").flatMap { Int($0) } ?? 7
        let kinds = ["clean", "repair", "perf-dev", "perf-dev-repair"]
        if let only, !kinds.contains(only) { throw BenchmarkError("--throughput takes \(kinds.joined(separator: ", ")), not \(only)") }
        let data = "Tests/Data/"
        if only == nil { try suites(data) }
        if arguments.contains("--suites-only") { return }
        var corpora: [(String, [String])] = []
        if only == nil || only == "clean" || only == "repair" {
            let documents = try corpus(data + "clean-multilingual.jsonl")
            if only != "repair" { corpora.append(("clean", documents)) }
            if only != "clean" { corpora.append(("1/3 mojibake", thirdBroken(documents))) }
        }
        let perfDev = value("--perf-dev") ?? "../shared/data/perf-dev/corpus.jsonl.gz"
        if only == nil || only == "perf-dev" || only == "perf-dev-repair", FileManager.default.fileExists(atPath: perfDev) {
            let documents = try DedupPerfDev.readCorpus(perfDev).map(\.text)
            if only != "perf-dev-repair" { corpora.append(("perf-dev", documents)) }
            if only != "perf-dev" { corpora.append(("perf-dev 1/3 mojibake", thirdBroken(documents))) }
        }
        for (label, docs) in corpora {
            let bytes = docs.reduce(0) { $0 + $1.utf8.count }
            let states = docs.enumerated().map { DocumentState(document: Document(ordinal: $0.offset, id: "d", source: "d", text: $0.element)) }
            let stage = NormalizeStage(options: .defaults)
            let (wall, cpu) = Timing.medians(runs: runs) {
                for var state in states { _ = stage.process(&state) }
            }
            print(String(format: "throughput %@: %d docs, %.1f MB, median of %d: %.3f s wall, %.0f MB/s; %.3f s CPU, %.0f MB/s per CPU second (one core)",
                         label, docs.count, Double(bytes) / 1e6, runs, wall, Timing.mbPerSecond(bytes, wall), cpu, Timing.mbPerSecond(bytes, cpu)))
        }
    }

    /// The accuracy suites: mojibake, clean text, web noise, NormalizationTest.
    static func suites(_ data: String) throws {
        let mojibake = try NormalizeEvaluation.mojibake(data + "mojibake.jsonl")
        print(String(format: "mojibake: %d/%d exact (%.1f%%)", mojibake.exact, mojibake.total, mojibake.percent))
        for f in mojibake.failures { print("  miss: \(f.input) -> \(f.got) (expected \(f.expected))") }
        let (clean, languages) = try NormalizeEvaluation.cleanText(data + "clean-multilingual.jsonl")
        print("clean text: \(clean.total - clean.exact) of \(clean.total) lines changed beyond NFC, \(languages) languages")
        try repairSuites(data + "repair/")
        let web = try NormalizeEvaluation.webNoise(data + "web-noise.jsonl")
        print(String(format: "web noise: %d/%d exact (%.1f%%)", web.exact, web.total, web.percent))
        for f in web.failures { print("  miss: \(f.input.debugDescription) -> \(f.got.debugDescription) (expected \(f.expected.debugDescription))") }
        for form in [NormalizationForm.nfkc, .nfc] {
            let (all, byCategory) = try NormalizeEvaluation.policy(data + "web-noise-policy.jsonl", form: form)
            let weak = byCategory.filter { $0.value.exact < $0.value.total }.map { "\($0.key) \($0.value.exact)/\($0.value.total)" }.sorted()
            print(String(format: "web-noise policy %@: %d/%d exact (%.1f%%), %d categories", form.rawValue, all.exact, all.total, all.percent, byCategory.count)
                  + (weak.isEmpty ? "" : "; short: " + weak.joined(separator: ", ")))
            for f in all.failures { print("  miss: \(f.input) -> \(f.got.debugDescription) (expected \(f.expected.debugDescription))") }
        }
        if let test = try? NormalizeEvaluation.normalizationTestText() {
            for form in [NormalizationForm.nfc, .nfkc] {
                let score = NormalizeEvaluation.conformance(test, form: form)
                print(String(format: "NormalizationTest %@: %d/%d (%.2f%%)", form.rawValue, score.exact, score.total, score.percent))
            }
        }
    }

    /// The suites of scripts/make-repair-suite.py: generated mojibake (both halves), the real
    /// cases, and the clean lines.
    static func repairSuites(_ folder: String) throws {
        let show = ProcessInfo.processInfo.environment["SHOW_MISSES"].flatMap { Int($0) } ?? 0
        for (file, half) in [("generated.jsonl", "tune"), ("generated.jsonl", "held-out"), ("real.jsonl", nil)] {
            let (ftfy, original) = try NormalizeEvaluation.repairSuite(folder + file, half: half)
            let label = file.replacingOccurrences(of: ".jsonl", with: "") + (half.map { " (\($0))" } ?? "")
            var line = String(format: "repair %@: %d/%d agree with ftfy (%.1f%%)", label, ftfy.exact, ftfy.total, ftfy.percent)
            if original.total > 0 {
                line += String(format: "; original restored %d/%d (%.1f%%)", original.exact, original.total, original.percent)
            }
            print(line)
            for f in ftfy.failures.prefix(show) { print("  miss: \(f.input.debugDescription) -> \(f.got.debugDescription) (ftfy \(f.expected.debugDescription))") }
        }
        if ProcessInfo.processInfo.environment["SHOW_TUNE_MISSES"] == "1" {
            for r in try NormalizeEvaluation.records(folder + "generated.jsonl") where r["half"]?.stringValue == "tune" {
                guard let broken = r["broken"]?.stringValue, let original = r["original"]?.stringValue else { continue }
                let got = NormalizeEvaluation.run(broken, options: NormalizeEvaluation.repairOnly).0
                if got.utf8.elementsEqual(original.utf8) { continue }
                let tags = ["lang", "codec", "kind"].map { r[$0]?.stringValue ?? "?" }.joined(separator: " ")
                print("  tune miss [\(tags)]: \(broken.debugDescription) -> \(got.debugDescription)"
                      + " (original \(original.debugDescription))")
            }
        }
        if let dump = ProcessInfo.processInfo.environment["REPAIR_DUMP"] {
            // One line per generated case: the stage's answer, for comparing with ftfy offline.
            let lines = try NormalizeEvaluation.records(folder + "generated.jsonl").compactMap { r -> String? in
                guard let broken = r["broken"]?.stringValue else { return nil }
                var writer = JSONWriter()
                writer.string(NormalizeEvaluation.run(broken, options: NormalizeEvaluation.repairOnly).0)
                return String(decoding: writer.bytes, as: UTF8.self)
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: dump, atomically: true, encoding: .utf8)
        }
        for replaced in [false, true] {
            let lost = try NormalizeEvaluation.lostByteSuite(folder + "clean.jsonl", replaced: replaced)
            print(String(format: "repair lost bytes (clean lines read as strict Windows-1252, undefined bytes %@): one lost, %d of %d restored, %d wrong (languages' halves %d/%d and %d/%d); any lost, %d of %d restored; none lost, %d of %d guessed at",
                         replaced ? "as U+FFFD" : "dropped", lost.restored, lost.lines, lost.wrong, lost.halves[0].restored,
                         lost.halves[0].wrong, lost.halves[1].restored, lost.halves[1].wrong, lost.anyRestored, lost.anyLines,
                         lost.wholeGuessed, lost.wholeLines))
        }
        let (clean, languages) = try NormalizeEvaluation.cleanText(folder + "clean.jsonl")
        print("repair clean: \(clean.total - clean.exact) of \(clean.total) lines changed beyond NFC, \(languages) languages")
        for f in clean.failures.prefix(show) { print("  changed: \(f.input.debugDescription) -> \(f.got.debugDescription)") }
    }

    /// Ordinary text: the seeds (English web pages) and the multilingual lines in documents of
    /// 25 lines, repeated to about 40 MB, alternating.
    static func corpus(_ multilingual: String) throws -> [String] {
        var docs: [String] = []
        let seeds = (try? FileManager.default.contentsOfDirectory(atPath: "seeds").sorted()) ?? []
        for name in seeds where name.hasSuffix(".txt") {
            docs.append(try String(contentsOfFile: "seeds/" + name, encoding: .utf8))
        }
        let lines = try NormalizeEvaluation.records(multilingual).compactMap { $0["text"]?.stringValue }
        stride(from: 0, to: lines.count, by: 25).forEach { docs.append(lines[$0..<min(lines.count, $0 + 25)].joined(separator: "\n") + "\n") }
        var corpus: [String] = []
        var bytes = 0
        var copy = 0
        while bytes < 40_000_000 {
            for doc in docs {
                let text = doc + "Copy \(copy).\n"
                corpus.append(text)
                bytes += text.utf8.count
            }
            copy += 1
        }
        return corpus
    }

    /// Every third document mis-decoded (see `misdecode`), starting with the first.
    static func thirdBroken(_ documents: [String]) -> [String] {
        documents.enumerated().map { $0.offset % 3 == 0 ? misdecode($0.element) : $0.element }
    }

    /// `text` as a Windows-1252 reader shows its UTF-8 bytes; English gets curly quotes first
    /// so that it has something to break.
    static func misdecode(_ text: String) -> String {
        let curly = text.replacingOccurrences(of: "'", with: "\u{2019}").replacingOccurrences(of: " - ", with: " \u{2014} ")
        var out = String.UnicodeScalarView()
        for b in curly.utf8 {
            if b >= 0x80 && b <= 0x9F, let s = windows1252[b] {
                out.append(s)
            } else {
                out.append(Unicode.Scalar(b))
            }
        }
        return String(out)
    }

    static let windows1252: [UInt8: Unicode.Scalar] = [
        0x80: "\u{20AC}", 0x82: "\u{201A}", 0x83: "\u{0192}", 0x84: "\u{201E}", 0x85: "\u{2026}", 0x86: "\u{2020}",
        0x87: "\u{2021}", 0x88: "\u{02C6}", 0x89: "\u{2030}", 0x8A: "\u{0160}", 0x8B: "\u{2039}", 0x8C: "\u{0152}",
        0x8E: "\u{017D}", 0x91: "\u{2018}", 0x92: "\u{2019}", 0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "\u{2022}",
        0x96: "\u{2013}", 0x97: "\u{2014}", 0x98: "\u{02DC}", 0x99: "\u{2122}", 0x9A: "\u{0161}", 0x9B: "\u{203A}",
        0x9C: "\u{0153}", 0x9E: "\u{017E}", 0x9F: "\u{0178}",
    ]

}
