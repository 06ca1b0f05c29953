import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Foundation

/// Accuracy of the language stage per language in four sizes (documents of 8–12 sentences,
/// sentences, word pairs, single words) on labelled sets of running text (`langid-dev`: news
/// and web sentences; the man-page set: Debian's translated manual pages) and on the gettext
/// translations installed under /usr/share/locale, and its throughput on one core.
///
/// The evaluation set is built at run time from the installed `.mo` catalogs (translated
/// messages of GTK, GLib, coreutils, PAM...; `iso_*` catalogs are left out): each translated
/// message of at least 5 words and 30 letters is a sentence of its locale's language (messages
/// of catalogs not in UTF-8, which decode to U+FFFD, are left out);
/// untranslated messages (msgstr = msgid) are skipped, and words that also occur in the
/// English msgid are not used as single words or word pairs. Catalogs of the packages that
/// trained the n-gram model (scripts/language-model/packages.txt) are left out, should they
/// be installed; none is on the machines that gave the README's figures.
enum LanguageBenchmark: Benchmark {
    static let name = "language"
    static let summary = "Language stage: accuracy per language in 4 sizes on langid-dev, translated man pages and installed gettext translations, and MB/s on one core."

    /// Labelled sets measured by default, where they exist: name and folder.
    static let defaultSets = [("langid-dev", "../shared/data/langid-dev"),
                              ("manpages", ".build/language-sets/manpages")]

    /// Locales whose messages are not the language of their base code, or are a variant of it.
    static let skippedLocales: Set<String> = ["en", "ca@valencia", "sr@ije", "be@latin", "en@boldquot", "en@quot",
                                              "en@shaw", "uz@cyrillic", "tt@iqtelif", "az_IR", "pa_PK", "bn_BD"]
    /// Locale base codes whose ISO 639-1 code differs.
    static let localeCodes: [String: String] = ["sr@latin": "sr-Latn", "nb_NO": "nb", "no": "nb", "zh_HK": "zh"]
    /// Near-identical languages: an answer inside the group counts in the "pair" column.
    static let pairs: [Set<String>] = [["bs", "hr", "sr", "sr-Latn"], ["ms", "id"]]

    static let sizes = ["documents", "sentences", "word pairs", "single words"]
    static let perSize = 100

    /// Arguments: `perf-dev` (the throughput on perf-dev alone), or
    /// `[LOCALE_ROOT] [--model PATH | --no-model] [--set NAME=FOLDER]... [--sets-only]`;
    /// `--model` reads another model than the shipped one (as generate.py writes it with
    /// --hold-out, to tune on held-out catalogs); `--no-model` measures CLD2 with the script
    /// rules alone; `--set` measures a labelled set instead of the default ones; `--sets-only`
    /// leaves out the gettext set and the throughput.
    static func run(arguments: [String]) throws {
        if arguments.first == "perf-dev" { return try perfDevThroughput(LanguageIdentifier(bestEffort: true)) }
        var arguments = arguments
        var sets: [(String, String)] = []
        while let flag = arguments.firstIndex(of: "--set"), flag + 1 < arguments.count {
            let value = arguments[flag + 1]
            guard let equals = value.firstIndex(of: "=") else { throw BenchmarkError("--set wants NAME=FOLDER, not \(value)") }
            sets.append((String(value[..<equals]), String(value[value.index(after: equals)...])))
            arguments.removeSubrange(flag...(flag + 1))
        }
        let setsOnly = arguments.contains("--sets-only")
        arguments.removeAll { $0 == "--sets-only" }
        var model = NgramModel.shipped
        if let flag = arguments.firstIndex(of: "--model"), flag + 1 < arguments.count {
            let data = try Data(contentsOf: URL(fileURLWithPath: arguments[flag + 1]))
            model = data.withUnsafeBytes { NgramModel(binary: $0) }
            guard model != nil else { throw BenchmarkError("not a language model: \(arguments[flag + 1])") }
            arguments.removeSubrange(flag...(flag + 1))
        }
        if let flag = arguments.firstIndex(of: "--no-model") {
            model = nil
            arguments.remove(at: flag)
        }
        let identifier = LanguageIdentifier(bestEffort: true, model: model)
        for (name, folder) in sets.isEmpty ? defaultSets : sets {
            guard let evaluation = LabelledSetEvaluation(name: name, folder: folder, identifier: identifier) else {
                print("\(name): no labelled set in \(folder)" + (name == "manpages" ? " (scripts/language-eval/make-manpage-set.py makes it)" : ""))
                continue
            }
            evaluation.report()
        }
        try perfDevThroughput(identifier)
        if setsOnly { return }
        let root = arguments.first ?? "/usr/share/locale"
        let minimum = 60
        let pools = loadSentences(root: root, trained: (model ?? NgramModel.shipped)?.trainingDomains ?? []).filter { $0.value.sentences.count >= minimum }
        print("language: evaluation set from \(root): \(pools.count) languages with >= \(minimum) sentences")

        var rows: [(code: String, acc: [Double], pairAcc: [Double], wrong: String)] = []
        for code in pools.keys.sorted() {
            let sets = evaluationSets(pools[code]!, code: code)
            var acc: [Double] = [], pairAcc: [Double] = []
            var confusions: [String: Int] = [:]
            for (i, items) in sets.enumerated() {
                var hit = 0, pairHit = 0
                for item in items {
                    let got = identifier.identify(item).code
                    if matches(got, code) { hit += 1; pairHit += 1 } else {
                        if pairs.contains(where: { $0.contains(got) && $0.contains(code) }) { pairHit += 1 }
                        if i == 0 || i == 1 { confusions[got, default: 0] += 1 }
                    }
                }
                acc.append(items.isEmpty ? 0 : Double(hit) / Double(items.count))
                pairAcc.append(items.isEmpty ? 0 : Double(pairHit) / Double(items.count))
            }
            let wrong = confusions.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3).map { "\($0.key):\($0.value)" }.joined(separator: " ")
            rows.append((code, acc, pairAcc, wrong))
        }
        print("code      docs   sent  pairs  words   (pair-equivalent docs/sent)  confusions (docs+sentences)")
        for r in rows {
            let cells = r.acc.map { pct($0) }.joined(separator: " ")
            print("\(r.code.padding(toLength: 8, withPad: " ", startingAt: 0)) \(cells)   \(pct(r.pairAcc[0])) \(pct(r.pairAcc[1]))   \(r.wrong)")
        }
        let detected = rows.filter { $0.pairAcc[0] >= 0.5 }
        let missing = rows.filter { $0.pairAcc[0] < 0.5 }.map(\.code)
        for (label, set) in [("all evaluated", rows), ("detected (docs >= 50%, pairs counted as one)", detected)] {
            let averages = (0..<4).map { i in set.map { $0.acc[i] }.reduce(0, +) / Double(max(1, set.count)) }
            print("average over \(set.count) \(label): " + zip(sizes, averages).map { "\($0) \(pct($1))%" }.joined(separator: ", "))
        }
        print("not detected: \(missing.joined(separator: " "))")
        let below = detected.filter { $0.acc[0] < 0.9 }.map { "\($0.code) \(pct($0.acc[0]))% (pair \(pct($0.pairAcc[0]))%)" }
        print("detected but below 90% on documents: \(below.joined(separator: ", "))")

        throughput(identifier)
        let load = Timing.median(runs: 11) { _ = NgramModel.embedded() }
        print("model start-up (reading the embedded n-gram model): median \(String(format: "%.1f", load * 1000)) ms")
    }

    static func matches(_ got: String, _ expected: String) -> Bool {
        got == expected || (expected == "sr-Latn" && got == "sr")
    }

    static func pct(_ x: Double) -> String { String(format: "%5.1f", x * 100) }

    // MARK: evaluation set

    struct Pool {
        var sentences: [String] = []
        /// Words of each sentence that are not in its English original.
        var words: [[String]] = []
    }

    static func loadSentences(root: String, trained: Set<String>) -> [String: Pool] {
        var pools: [String: Pool] = [:]
        var seen: [String: Set<String>] = [:]
        let locales = (try? FileManager.default.contentsOfDirectory(atPath: root).sorted()) ?? []
        for locale in locales where !skippedLocales.contains(locale) {
            let code = localeCodes[locale] ?? String(locale.prefix { $0 != "_" && $0 != "@" })
            let dir = "\(root)/\(locale)/LC_MESSAGES"
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                .filter { $0.hasSuffix(".mo") && !$0.hasPrefix("iso_") && !trained.contains(String($0.dropLast(3))) }.sorted()
            for file in files {
                guard let data = FileManager.default.contents(atPath: "\(dir)/\(file)") else { continue }
                for (original, translation) in readMO(data) where !original.isEmpty && original != translation {
                    for message in translation.split(separator: "\0") {
                        let text = clean(String(message))
                        // A catalog in another charset than UTF-8 (gettext's Japanese ones are EUC-JP)
                        // decodes to U+FFFD, which is no language.
                        guard !text.unicodeScalars.contains("\u{FFFD}"), text.split(separator: " ").count >= 5,
                              text.unicodeScalars.filter({ $0.properties.isAlphabetic }).count >= 30,
                              seen[code, default: []].insert(text).inserted else { continue }
                        let english = Set(wordsOf(original).map { $0.lowercased() })
                        pools[code, default: Pool()].sentences.append(text)
                        pools[code, default: Pool()].words.append(wordsOf(text).filter { !english.contains($0.lowercased()) })
                    }
                }
            }
        }
        return pools
    }

    /// Removes printf and shell placeholders, markup, accelerators and escapes.
    static func clean(_ s: String) -> String {
        var t = s.replacingOccurrences(of: #"%(\d+\$)?[-+ #0-9.*]*(l|ll|h|z)?[a-zA-Z]|\$\{?\w+\}?|<[^>]+>|\\[nt]"#, with: " ", options: .regularExpression)
        t = t.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "&", with: "")
        return t.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// ICU word segments that hold at least one letter and no digit.
    static func wordsOf(_ text: String) -> [String] {
        let sub = Substring(text)
        let utf8 = Array(text.utf8)
        return WordSegmenter.words(sub).compactMap { r -> String? in
            let w = String(decoding: utf8[r], as: UTF8.self)
            let scalars = w.unicodeScalars
            guard scalars.contains(where: { $0.properties.isAlphabetic }),
                  !scalars.contains(where: { $0.properties.numericType != nil }) else { return nil }
            return w
        }
    }

    /// Parses a GNU gettext .mo catalog into (msgid, msgstr) pairs.
    static func readMO(_ data: Data) -> [(String, String)] {
        let bytes = [UInt8](data)
        guard bytes.count >= 28 else { return [] }
        func u32(_ at: Int, _ little: Bool) -> Int {
            guard at + 4 <= bytes.count else { return 0 }
            let b = bytes[at..<at + 4].map(UInt32.init)
            return Int(little ? b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24 : b[3] | b[2] << 8 | b[1] << 16 | b[0] << 24)
        }
        let little = u32(0, true) == 0x9504_12de
        let count = u32(8, little), originals = u32(12, little), translations = u32(16, little)
        func string(_ table: Int, _ i: Int) -> String {
            let length = u32(table + 8 * i, little), offset = u32(table + 8 * i + 4, little)
            guard offset + length <= bytes.count else { return "" }
            return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
        }
        return (0..<count).map { (string(originals, $0), string(translations, $0)) }
    }

    /// Deterministic samples of each size for one language.
    static func evaluationSets(_ pool: Pool, code: String) -> [[String]] {
        var rng = SplitMix(seed: UInt64(truncatingIfNeeded: code.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
        let n = pool.sentences.count
        var documents: [String] = []
        for _ in 0..<perSize {
            let k = 8 + Int(rng.next() % 5)
            documents.append((0..<k).map { _ in pool.sentences[Int(rng.next() % UInt64(n))] }.joined(separator: " "))
        }
        let order = (0..<n).map { ($0, rng.next()) }.sorted { $0.1 < $1.1 }.map(\.0)
        let sentences = order.prefix(perSize).map { pool.sentences[$0] }
        var twoWords: [String] = [], oneWord: [String] = []
        var seenPairs = Set<String>(), seenWords = Set<String>()
        for i in order {
            let words = pool.words[i]
            if words.count >= 2, twoWords.count < perSize {
                let j = Int(rng.next() % UInt64(words.count - 1))
                let pair = words[j] + " " + words[j + 1]
                if seenPairs.insert(pair.lowercased()).inserted { twoWords.append(pair) }
            }
            if let w = words.filter({ $0.unicodeScalars.count >= 3 || $0.unicodeScalars.contains { $0.value >= 0x2E80 } }).first(where: { !seenWords.contains($0.lowercased()) }), oneWord.count < perSize {
                seenWords.insert(w.lowercased())
                oneWord.append(w)
            }
        }
        return [documents, sentences, twoWords, oneWord]
    }

    // MARK: throughput

    /// The identifier alone over perf-dev's documents (real web and news text, 83 languages,
    /// half Japanese by bytes), one core: MB/s of wall time and per CPU second, medians of 3.
    static func perfDevThroughput(_ identifier: LanguageIdentifier, path: String = "../shared/data/perf-dev/corpus.jsonl.gz") throws {
        guard FileManager.default.fileExists(atPath: path) else { return print("perf-dev: no \(path)") }
        let docs = try DedupPerfDev.readCorpus(path).map(\.text)
        let bytes = docs.reduce(0) { $0 + $1.utf8.count }
        let (seconds, cpu) = Timing.medians(runs: 3) { for d in docs { _ = identifier.identify(d) } }
        print("throughput on perf-dev (\(docs.count) documents, \(bytes) bytes, one core): median \(String(format: "%.3f", seconds)) s wall, \(String(format: "%.1f", Timing.mbPerSecond(bytes, seconds))) MB/s; median \(String(format: "%.3f", cpu)) s CPU, \(String(format: "%.1f", Timing.mbPerSecond(bytes, cpu))) MB/s per CPU second")
    }

    static func throughput(_ identifier: LanguageIdentifier) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: "seeds")) ?? []).sorted()
        let docs = names.compactMap { try? String(contentsOfFile: "seeds/" + $0, encoding: .utf8) }
        guard !docs.isEmpty else { return }
        let corpus = Array(repeating: docs, count: 400).flatMap { $0 }
        let bytes = corpus.reduce(0) { $0 + $1.utf8.count }
        let (seconds, cpuMedian) = Timing.medians(runs: 5) { for d in corpus { _ = identifier.identify(d) } }
        print("throughput on seeds/ (\(corpus.count) web documents, \(bytes) bytes, one core): median \(String(format: "%.3f", seconds)) s wall, \(String(format: "%.1f", Timing.mbPerSecond(bytes, seconds))) MB/s; median \(String(format: "%.3f", cpuMedian)) s CPU, \(String(format: "%.1f", Timing.mbPerSecond(bytes, cpuMedian))) MB/s per CPU second")

        var small = docs.joined(separator: "\n")
        while small.utf8.count < 64 * 1024 { small += "\n" + small }
        var large = small
        while large.utf8.count < 10 * 1024 * 1024 { large += "\n" + large }
        let tSmall = Timing.median(runs: 21) { _ = identifier.identify(small) }
        let tLarge = Timing.median(runs: 21) { _ = identifier.identify(large) }
        print("long documents: \(small.utf8.count) bytes median \(String(format: "%.2f", tSmall * 1000)) ms, \(large.utf8.count) bytes median \(String(format: "%.2f", tLarge * 1000)) ms")
    }
}
