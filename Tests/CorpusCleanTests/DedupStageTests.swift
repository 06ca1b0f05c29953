import CTextKit
import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

@Suite struct DedupStageTests {
    /// Runs dedup over texts in order (ids doc<first + i>), as the runner does; returns each
    /// document's last report.
    static func dedup(_ texts: [String], options: DedupOptions = .defaults, first: Int = 0) throws -> [StageReport] {
        let stage = DedupStage(options: options)
        try stage.begin()
        var states = texts.enumerated().map { i, text in
            DocumentState(document: Document(ordinal: i, id: "doc\(first + i)", source: "doc\(first + i)", text: text))
        }
        for i in states.indices {
            stage.prepare(&states[i])
            states[i].record(stage.decide(&states[i]))
        }
        if stage.holdsDocuments { stage.settle(&states) }
        try stage.finish()
        // The index is staged by finish; a run's commit puts it in place (here, on its own).
        for move in stage.stagedReplacements {
            try OutputCommit.perform(directory: (move.to as NSString).deletingLastPathComponent, moves: [move],
                                     removals: [], run: nil)
        }
        return states.map { $0.reports.last! }
    }

    /// The seeds, near copies of them (some chained through another copy) and exact copies.
    static func corpusWithDuplicates() throws -> [String] {
        let seeds = try TestSupport.seedNames.map(TestSupport.seedText)
        var texts = seeds
        for (i, seed) in seeds.enumerated() {
            texts.append(edited(seed, every: 100 + i))
            texts.append(edited(edited(seed, every: 110 + i), every: 130))
            if i % 2 == 0 { texts.append(seed + "\n") }
        }
        return texts
    }

    /// A seed with a handful of words changed.
    static func edited(_ text: String, every: Int) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var changed = 0
        for i in stride(from: 7, to: words.count, by: every) {
            words[i] = "changed\(i)"
            changed += 1
        }
        return words.joined(separator: " ")
    }

    @Test func dropsExactCopiesIgnoringWhitespace() throws {
        let seed = try TestSupport.seedText("000_08959dc2a29a28c1.txt")
        let reports = try Self.dedup([seed, seed.replacingOccurrences(of: "\n", with: "\n\n") + "  "])
        #expect(reports[0].dropReason == nil)
        #expect(reports[1].dropReason == "exact_duplicate")
        #expect(reports[1].duplicate == DuplicateMatch(duplicateOf: "doc0", similarity: 1, exact: true))
    }

    @Test func dropsANearCopyAndNamesTheOriginal() throws {
        let seeds = try TestSupport.seedNames.map(TestSupport.seedText)
        let copy = Self.edited(seeds[2], every: 120)
        #expect(copy != seeds[2])
        let reports = try Self.dedup(seeds + [copy])
        for report in reports.prefix(seeds.count) { #expect(report.dropReason == nil) }
        let last = reports.last!
        #expect(last.dropReason == "near_duplicate")
        #expect(last.duplicate?.duplicateOf == "doc2")
        #expect((last.duplicate?.similarity ?? 0) >= 0.8)
    }

    @Test func keepsDocumentsBelowTheThreshold() throws {
        let seed = try TestSupport.seedText("003_04ed8dd39542b3b4.txt")
        let heavy = Self.edited(seed, every: 4)
        let reports = try Self.dedup([seed, heavy])
        #expect(reports[1].dropReason == nil)
    }

    @Test func derivesBandsForRecallAtTheThreshold() {
        let lsh = LSHParameters(threshold: 0.8, permutations: 128)
        #expect(lsh.bands * lsh.rows <= 128)
        #expect(LSHParameters.candidateProbability(0.8, bands: lsh.bands, rows: lsh.rows) >= 0.99)
        #expect(LSHParameters.candidateProbability(0.8, bands: 128 / (lsh.rows + 1), rows: lsh.rows + 1) < 0.99)
    }

    @Test func shinglesShortAndUnspacedText() {
        let shingler = Shingler(n: 5)
        #expect(shingler.shingles("two words").count == 1)
        #expect(shingler.shingles("!!!").isEmpty)
        #expect(shingler.tokenHashes("Hello, WORLD 42") == shingler.tokenHashes("hello world 42"))
        let mixed = "Straße, ÉCOLE naïve—ÜBER x2Y ΣΟΦΙΑ l'été"
        let expected = ["straße", "école", "naïve", "über", "x2y", "σοφια", "l", "été"]
            .map { Shingler.tokenHash($0.unicodeScalars.map(\.value)) }
        #expect(shingler.tokenHashes(mixed) == expected)
        #expect(shingler.tokenHashes("İstanbul") == [Shingler.tokenHash("i\u{307}stanbul".unicodeScalars.map(\.value))])
        #expect(Shingler.collapsedHash(" a\u{3000}b \n\t c ") == Hash64.hash("a b c"))
        // Text without spaces gives a token per letter (with its marks): character n-grams.
        #expect(shingler.tokenHashes("委員会は火曜日に会合を開き、来年度の予算について話し合った").count == 28)
        // Mostly unspaced letters: digits and Latin words count by characters too.
        #expect(shingler.tokenHashes("東京都で2020年") == ["東", "京", "都", "で", "2", "0", "2", "0", "年"].map { Shingler.tokenHash($0.unicodeScalars.map(\.value)) })
        #expect(shingler.tokenHashes("Tokyo 2020 東京") == ["tokyo", "2020", "東", "京"].map { Shingler.tokenHash($0.unicodeScalars.map(\.value)) })
        // A Thai letter with the vowel and tone marks above it is one token.
        #expect(shingler.tokenHashes("ที่นี่").count == 2)
        // Spacing vowel signs too: Khmer "កា" (ka + aa), Myanmar "မော" (ma + e + aa).
        #expect(shingler.tokenHashes("កា") == [Shingler.tokenHash([0x1780, 0x17B6])])
        #expect(shingler.tokenHashes("မော") == [Shingler.tokenHash([0x1019, 0x1031, 0x102C])])
    }

    /// The one C pass of the stage (`exactHashAndShingles`, `exactHashShinglesAndSignature`) against the definitions: the hash of
    /// the text with its white space runs (by the scalars' White_Space property) joined by one
    /// space, and the n-grams of the token hashes. Random texts of pieces that exercise every
    /// path: each white space, upper case with long lowercase mappings, marks, scripts without
    /// spaces, characters past the BMP, controls.
    @Test func theOnePassGivesTheExactHashAndTheShinglesOfTheTokens() {
        let pieces = ["a", "Ab", "ÉCOLE", "İstanbul", "ß", "東京", "かな", "カナ", "ที่นี่", "ក", "ា", "မော", " ", "  ", "\n",
                      "\t", "\r\n", "\u{3000}", "\u{A0}", "\u{85}", "\u{2003}", "\u{1680}", "\u{202F}", "😀", "𝐀", "𐐀", "𠀀",
                      "\u{301}", "x2Y", "42", "٣", "ΣΟΦΙΑ", ",", "、", "\u{0}", "\u{7F}", "ǅ", "ﬀ", "Ⅻ", "\u{E0041}"]
        func collapsed(_ text: String) -> UInt64 {
            let runs = text.unicodeScalars.split(whereSeparator: \.properties.isWhitespace)
            return Hash64.hash(runs.map { String(String.UnicodeScalarView($0)) }.joined(separator: " "))
        }
        // Runs longer than the pass's staging of short ones (4 KiB, half of it for one run), among short lines.
        for lengths in [[1, 2_049, 3], [4_000, 97, 5_000, 1], Array(repeating: 61, count: 300)] {
            let text = lengths.enumerated().map { String(repeating: $0.offset % 2 == 0 ? "ab " : "東京", count: $0.element / 3 + 1) }
                .joined(separator: "\n\n")
            #expect(Shingler.collapsedHash(text) == collapsed(text))
        }
        var rng = SplitMix(seed: 5)
        let hashers = [MinHasher(permutations: 128, seed: 1), MinHasher(permutations: 100, seed: 7)]
        for _ in 0..<3000 {
            let text = (0..<Int(rng.next() % 40)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            for n in [1, 2, 5] {
                let shingler = Shingler(n: n)
                let (exact, shingles) = shingler.exactHashAndShingles(text, shingles: true) { ($0, Array($1)) }
                #expect(exact == collapsed(text), "\(text.debugDescription)")
                #expect(shingles == shingler.shingles(tokens: shingler.tokenHashes(text)), "\(text.debugDescription)")
                // The stage's pass: the same set, unsorted (in the order of the first occurrences) or
                // sorted, and the signature of the set (bins by the top bits, or by the fast range).
                for hasher in hashers {
                    for sorted in [false, true] {
                        let made = shingler.exactHashShinglesAndSignature(text, hasher: hasher, sorted: sorted, keep: true)
                        #expect(made.exactHash == exact)
                        #expect(made.count == shingles.count)
                        #expect(sorted ? made.shingles == shingles : made.shingles.sorted() == shingles)
                        #expect(made.signature == hasher.signature(shingles), "\(text.debugDescription)")
                        let counted = shingler.exactHashShinglesAndSignature(text, hasher: hasher, sorted: sorted, keep: false)
                        #expect(counted.shingles.isEmpty && counted.count == shingles.count && counted.signature == made.signature)
                    }
                }
            }
        }
    }

    /// Long texts of ASCII words (the pass takes their runs 64 bytes at a time where AVX-512 is
    /// there, and their shingles eight windows at a time): the tokens are the runs of letters and
    /// digits (and a letter past ASCII), lowercased, whatever stands between them (single and double
    /// spaces, punctuation, line breaks, controls), and the shingles and signature those of the tokens.
    @Test func longRunsOfASCIIWordsGiveTheTokensOfTheirLettersAndDigits() {
        let pieces = ["a", "Word", "x", "THE", "of", "2024", "b7", "Longerwordthanmost", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ",
                      " ", " ", " ", "  ", ", ", ". ", "-", "'", "(", ")", " - ", "...", "\n", "\t", "\u{1}", " \n", "é", "~", "@"]
        var rng = SplitMix(seed: 11)
        let shingler = Shingler(n: 5)
        let hasher = MinHasher(permutations: 128, seed: 1)
        for _ in 0..<400 {
            let text = (0..<Int(rng.next() % 700)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let words = text.unicodeScalars.split { !($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            let tokens = shingler.tokenHashes(text)
            #expect(tokens == words.map { Shingler.tokenHash($0.map { $0.properties.lowercaseMapping.unicodeScalars.first!.value }) },
                    "\(text.debugDescription)")
            let shingles = shingler.shingles(tokens: tokens)
            let made = shingler.exactHashShinglesAndSignature(text, hasher: hasher, sorted: true, keep: true)
            #expect(made.shingles == shingles)
            #expect(made.signature == hasher.signature(shingles))
        }
    }

    /// The tokens of random texts against their definition: in text with spaces, the runs of
    /// letters, digits and marks (the pass takes those of two and three bytes in a loop of their
    /// own); in text mostly of Han and kana, every letter and digit with the marks after it.
    /// Lowercased by each scalar's full mapping, whatever ends the tokens (white space,
    /// punctuation, ASCII, a mark, the end of the text).
    @Test func tokensOfLettersPastASCIIAreTheirDefinition() {
        func isMark(_ scalar: Unicode.Scalar) -> Bool {
            [.nonspacingMark, .spacingMark, .enclosingMark].contains(scalar.properties.generalCategory)
        }
        func expected(_ text: String, byCharacter: Bool) -> [UInt64] {
            var tokens: [[UInt32]] = [], open = false
            for scalar in text.unicodeScalars {
                let lower = scalar.properties.lowercaseMapping.unicodeScalars.map(\.value)
                if isMark(scalar) || (!byCharacter && open && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)) {
                    if open { tokens[tokens.count - 1] += lower } else { tokens.append(lower); open = true }
                } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    tokens.append(lower)
                    open = true
                } else {
                    open = false
                }
            }
            return tokens.map(Shingler.tokenHash)
        }
        let spaced = ["Москва", "МОСКВА", "Ёж", "ΣΟΦΙΑ", "ἀρχή", "naïve", "ÉCOLE", "İstanbul", "ǅemal", "ẞ", "हिन्दी", "বাংলা",
                      "한국어", "ქართული", "עברית", "عربي", "a\u{301}", "x2Ф", "𝐀", " ", " ", ", ", "\n", "—", "«", "-", "\u{A0}"]
        let unspaced = ["東", "京", "都", "は", "カ", "ナ", "漢", "字", "語", "、", "。", "「", "」", "・", "\u{3099}", "\u{301}",
                        "ที่", "ก", "한", "é", "a", "B", "7", " ", "\n", "\u{3000}", "!", "𠀀", "\u{FFFD}"]
        let shingler = Shingler(n: 5)
        var rng = SplitMix(seed: 17)
        for trial in 0..<1200 {
            let byCharacter = trial % 2 == 1
            let text = (0..<Int(rng.next() % 200)).map { _ in
                byCharacter && rng.next() % 4 != 0 ? unspaced[Int(rng.next() % 9)]
                    : (byCharacter ? unspaced : spaced)[Int(rng.next() % UInt64(byCharacter ? unspaced.count : spaced.count))]
            }.joined()
            let tokens = shingler.tokenHashes(text)
            #expect(tokens == expected(text, byCharacter: byCharacter), "\(text.debugDescription)")
            let made = shingler.exactHashShinglesAndSignature(text, hasher: MinHasher(permutations: 128, seed: 1), sorted: true,
                                                              keep: true)
            #expect(made.shingles == shingler.shingles(tokens: tokens))
        }
    }

    @Test func anIncrementalRunDropsWhatASingleRunDrops() throws {
        let texts = try Self.corpusWithDuplicates()
        let half = texts.count / 2
        for verify in DedupVerification.allCases {
            var options = DedupOptions.defaults
            options.verify = verify
            let single = try Self.dedup(texts, options: options)
            options.index = try TestSupport.temporaryDirectory("index").appendingPathComponent("dedup").path
            let first = try Self.dedup(Array(texts[..<half]), options: options)
            let second = try Self.dedup(Array(texts[half...]), options: options, first: half)
            let incremental = first + second
            #expect(single.contains { $0.dropReason == "near_duplicate" })
            for (a, b) in zip(single, incremental) {
                #expect(a.dropReason == b.dropReason)
                #expect(a.duplicate == b.duplicate)
            }
            let header = try String(contentsOfFile: options.index + "/index.json", encoding: .utf8)
            #expect(header.contains(#""version":3"#))
        }
    }

    @Test func anIndexWithOtherSettingsIsRefused() throws {
        var options = DedupOptions.defaults
        options.index = try TestSupport.temporaryDirectory("index").appendingPathComponent("dedup").path
        _ = try Self.dedup(["one two three four five six"], options: options)
        options.ngram = 3
        #expect(throws: InputError.self) { try Self.dedup(["one two"], options: options) }
    }

    @Test func exactVerificationReportsTheExactJaccard() throws {
        let seed = try TestSupport.seedText(TestSupport.seedNames[2])
        let copy = Self.edited(seed, every: 60)
        let reports = try Self.dedup([seed, copy])
        let shingler = Shingler(n: 5)
        let truth = DedupIndex.jaccard(shingler.shingles(seed), shingler.shingles(copy))
        #expect(truth >= 0.8)
        #expect(reports[1].duplicate?.similarity == truth)
    }

    /// Values that all pick the first bucket of the AVX-512 path's set (low bits zero): 30 fill a
    /// chain of five 7-value buckets, which the second set's values walk past full buckets (new
    /// ones to the chain's end). Both paths count the sorted merge's 30 common values.
    @Test func commonCountWalksFullBuckets() {
        let a = (1...30).map { UInt64($0) << 40 }
        let b = Array(a.reversed()) + [31 << 40, 32 << 40, 33 << 40]
        #expect(DedupIndex.jaccard(a, b.sorted()) == 30.0 / 33.0)
        for (x, y) in [(a, b), (b, a)] {
            #expect(ctk_common_count(x, x.count, y, y.count) == 30)
            #expect(ctk_common_count_portable(x, x.count, y, y.count) == 30)
        }
    }

    /// The hash-set Jaccard of `decide` (sets in any order) against the merge of sorted sets.
    @Test func unsortedJaccardEqualsTheSortedMerge() {
        var rng = SplitMix(seed: 11)
        for (size, shared) in [(0, 0), (1, 1), (1, 0), (40, 13), (700, 650), (5_000, 0), (20_000, 19_999)] {
            let common = (0..<shared).map { _ in rng.next() }
            let a = common + (0..<(size - shared)).map { _ in rng.next() }
            let b = Array((common + (0..<(size / 2)).map { _ in rng.next() }).reversed())
            let sorted = DedupIndex.jaccard(a.sorted(), b.sorted())
            #expect(DedupIndex.jaccard(distinct: a, b) == sorted)
            #expect(DedupIndex.jaccard(distinct: b, a) == sorted)
        }
    }

    /// The count of `decide`'s comparisons: the full count wherever it reaches `need` (so the
    /// Jaccard of a match is exact), and where it does not, a count below `need` at one of the
    /// points where it stops to look (after each block of 64 of b's values); one document's set
    /// made once for several candidates, and made again when another use of the thread's set came
    /// between (the signature pass's, on a worker that also decides). The dispatching entry point
    /// takes the AVX-512 path only where the processor has it; the portable one is called too.
    @Test func commonCountReachingStopsOnlyBelowItsNeed() {
        var rng = SplitMix(seed: 17)
        let a = (0..<3_000).map { _ in rng.next() }
        let inA = Set(a)
        // b's values not in a come first, so that a count that cannot reach stops before the shared ones.
        let others = [0, 100, 2_400, 2_700, 3_000].map { shared in
            Array((a.prefix(shared) + (0..<(3_000 - shared)).map { _ in rng.next() }).reversed())
        }
        let dispatched = ctk_common_count_uses_avx512() != 0 ? "AVX-512 path" : "portable path (no AVX-512 here)"
        for portable in [false, true] {
            let path: Comment = portable ? "portable entry point" : "dispatching entry point, \(dispatched)"
            let fulls = others.map { b in
                portable ? ctk_common_count_portable(a, a.count, b, b.count) : ctk_common_count(a, a.count, b, b.count)
            }
            #expect(fulls == [0, 100, 2_400, 2_700, 3_000], path)
            func reaching(_ b: [UInt64], _ need: Int, _ ticket: inout UInt64) -> Int {
                portable ? ctk_common_count_reaching_portable(a, a.count, b, b.count, need, &ticket)
                    : ctk_common_count_reaching(a, a.count, b, b.count, need, &ticket)
            }
            var ticket: UInt64 = 0
            for (b, full) in zip(others, fulls) {
                // The counts at the points where the count may stop, short of the whole of b.
                let stops = Set(stride(from: 64, to: b.count, by: 64).map { end in b[..<end].filter(inA.contains).count })
                for need in [0, 1, full / 2, full, full + 1, 2_500, 3_001] {
                    let count = reaching(b, need, &ticket)
                    if need <= full {
                        #expect(count == full, path)
                    } else if full > 0 {
                        // Here what is left of b falls below need before its shared values: the count stops.
                        #expect(count < full && stops.contains(count), path)
                    } else {
                        #expect(count == 0, path)
                    }
                }
            }
            // Another use of the thread's set in between (a set sharing 100 with others[2], not 2,400): the
            // ticket no longer holds, and the set is made again.
            let stale = ticket
            _ = portable ? ctk_common_count_portable(others[1], 3_000, a, a.count) : ctk_common_count(others[1], 3_000, a, a.count)
            #expect(reaching(others[2], 0, &ticket) == 2_400, path)
            #expect(ticket != stale, path)
        }
    }

    /// A ticket of the thread's set stays stale when the table is made anew in between: a use that
    /// lets a very large table go and makes a small one, the ticket of a use of that table, then
    /// a larger use that makes the table again (whose marks start again as the ticket's did).
    @Test func commonCountReachingTicketOutlivesARegrownTable() {
        var rng = SplitMix(seed: 23)
        let a = (0..<3_000).map { _ in rng.next() }
        let b = Array((a.prefix(1_000) + (0..<2_000).map { _ in rng.next() }).reversed())
        // Past the largest table kept (2^21 slots): the next smaller use makes its table anew.
        let huge = (0..<1_100_000).map { _ in rng.next() }
        let x = (0..<5_000).map { _ in rng.next() }, y = (0..<5_000).map { _ in rng.next() }
        for portable in [false, true] {
            let path: Comment = portable ? "portable entry point" : "dispatching entry point"
            func common(_ p: [UInt64], _ q: [UInt64]) -> Int {
                portable ? ctk_common_count_portable(p, p.count, q, q.count) : ctk_common_count(p, p.count, q, q.count)
            }
            func reaching(_ ticket: inout UInt64) -> Int {
                portable ? ctk_common_count_reaching_portable(a, a.count, b, b.count, 0, &ticket)
                    : ctk_common_count_reaching(a, a.count, b, b.count, 0, &ticket)
            }
            _ = common(huge, [])
            var ticket: UInt64 = 0
            #expect(reaching(&ticket) == 1_000, path)
            let stale = ticket
            #expect(common(x, y) == 0, path)
            #expect(reaching(&ticket) == 1_000, path)
            #expect(ticket != stale, path)
        }
    }

    /// The least shared count that reaches a threshold, against trying every count.
    @Test func commonNeededIsTheLeastCountThatReaches() {
        for n in [0, 1, 2, 5, 17, 100, 999] {
            for m in [0, 1, 3, 17, 100, 1_000] where n + m > 0 {
                for threshold in [-1.0, 0.0, 0.5, 0.75, 0.8, 0.9, 1.0, 2.0, 1e308, .infinity, .nan] {
                    let reaching = (0...min(n, m)).first { Double($0) / Double(n + m - $0) >= threshold } ?? min(n, m) + 1
                    // Not a number: every count counts whole (no count stops short of it).
                    #expect(DedupIndex.commonNeeded(n, m, threshold) == (threshold.isNaN ? 0 : reaching))
                }
            }
        }
    }

    @Test func keepLongestKeepsTheLongestOfEachCluster() throws {
        let seed = try TestSupport.seedText(TestSupport.seedNames[1])
        let shorter = String(seed.dropLast(60))
        let longer = seed + " And one more sentence at the end."
        var options = DedupOptions.defaults
        options.keep = .longest
        let reports = try Self.dedup([shorter, seed, longer, longer], options: options)
        #expect(reports[2].dropReason == nil)
        for i in [0, 1] {
            #expect(reports[i].dropReason == "near_duplicate")
            #expect(reports[i].duplicate?.duplicateOf == "doc2")
        }
        #expect(reports[3].dropReason == "exact_duplicate")
        #expect(reports[3].duplicate?.duplicateOf == "doc2")
    }

    @Test func clustersAreDeterministicForAnyWorkerCount() throws {
        let texts = try Self.corpusWithDuplicates()
        var results: [[String?]] = []
        for workers in [1, 2, 4] {
            var states = texts.enumerated().map { i, text in
                DocumentState(document: Document(ordinal: i, id: "doc\(i)", source: "doc\(i)", text: text))
            }
            let runner = PipelineRunner(steps: [.corpus(DedupStage(options: .defaults))], workers: workers,
                                        batchSize: 5, logger: TestSupport.logger)
            try runner.begin()
            var summary = RunSummary(stages: [.dedup], configHash: "", input: "")
            for start in stride(from: 0, to: states.count, by: 5) {
                var batch = Array(states[start..<min(states.count, start + 5)])
                runner.process(&batch, summary: &summary)
                states.replaceSubrange(start..<min(states.count, start + 5), with: batch)
            }
            results.append(states.map { $0.duplicate?.duplicateOf })
        }
        #expect(results[0] == results[1] && results[1] == results[2])
        #expect(results[0].compactMap { $0 }.count >= texts.count / 2)
    }

    @Test func theMinHashKernelMatchesTheDefinition() {
        func splitmix(_ x: UInt64) -> UInt64 { Shingler.mix(x) }
        func bin(_ x: UInt64, _ k: Int) -> Int { Int((UInt64(UInt32(truncatingIfNeeded: x >> 32)) * UInt64(k)) >> 32) }
        for text in ["the kernel must give the same minimum on every machine and every path", "two words"] {
            let k = 37, seed: UInt64 = 9
            let shingles = Shingler(n: 2).shingles(text)
            let salt = splitmix(seed)
            var expected = [UInt32?](repeating: nil, count: k)
            for h in shingles {
                let x = (h ^ salt) &* 0x9E37_79B9_7F4A_7C15, b = bin(x, k), v = UInt32(truncatingIfNeeded: x)
                expected[b] = min(expected[b] ?? .max, v)
            }
            let filled = expected
            for i in 0..<k where filled[i] == nil {
                var attempt: UInt64 = 1
                while true {
                    let j = bin(splitmix(salt ^ (UInt64(i) << 32 | attempt)), k)
                    if let v = filled[j] { expected[i] = v; break }
                    attempt += 1
                }
            }
            #expect(MinHasher(permutations: k, seed: seed).signature(shingles) == expected.map { $0! })
        }
        #expect(MinHasher(permutations: 16, seed: 1).signature([]) == [UInt32](repeating: .max, count: 16))
    }

    @Test func signaturesAgreeAsOftenAsTheJaccardSays() {
        // 400 shared shingles of 500 in each set: Jaccard 400 / 600.
        let shared = (0..<400).map { Shingler.mix(UInt64($0)) }
        let a = (shared + (0..<100).map { Shingler.mix(UInt64(1000 + $0)) }).sorted()
        let b = (shared + (0..<100).map { Shingler.mix(UInt64(2000 + $0)) }).sorted()
        let hasher = MinHasher(permutations: 1024, seed: 3)
        let estimate = MinHasher.similarity(hasher.signature(a), hasher.signature(b))
        #expect(abs(estimate - 400.0 / 600.0) < 0.05)
    }

    @Test func theRunnerHoldsDocumentsForKeepLongest() throws {
        let input = try TestSupport.copyOfSeeds()
        let seed = try TestSupport.seedText("001_31e518bab099aebc.txt")
        try (seed + "\nOne more closing sentence for the longer copy of this article.")
            .write(to: input.appendingPathComponent("009_longer.txt"), atomically: true, encoding: .utf8)
        let output = try TestSupport.temporaryDirectory("out")
        let config = try TestSupport.config(#"{"batch_size": 2, "stages": ["normalize", "dedup"], "dedup": {"keep": "longest"}}"#)
        let summary = try TestSupport.runJob(config, input: input, output: output)
        #expect(summary.documents == 6)
        let manifest = try TestSupport.manifest(output)
        #expect(manifest.map { $0["id"]?.stringValue } == TestSupport.seedNames + ["009_longer.txt"])
        let original = manifest.first { $0["id"]?.stringValue == "001_31e518bab099aebc.txt" }
        #expect(original?["reason"]?.stringValue == "near_duplicate")
        #expect(original?["duplicate_of"]?.stringValue == "009_longer.txt")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("docs/009_longer.txt").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("docs/001_31e518bab099aebc.txt").path))
    }
}
