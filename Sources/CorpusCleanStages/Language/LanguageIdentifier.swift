import CorpusCleanCore
import Foundation

/// Identifies the language of a text with CLD2 (full tables, best effort on short text),
/// guarded by the ICU script of its letters, with per-line languages for mixed documents.
public struct LanguageIdentifier: Sendable {
    public let bestEffort: Bool
    /// Share of the text in other languages above which a document is mixed.
    public let mixedShare: Double
    /// Bytes sampled from a long document for per-line languages: head, middle and tail.
    public static let sampleBytes = 64 * 1024
    /// Bytes CLD2 reads to decide the document language: a few KB decide it as well as the
    /// whole text, and CLD2 costs time in proportion to what it reads.
    public static let detectionBytes = 2 * 1024
    /// Bytes CLD2 reads when the probe's answer (`probeBytes`) does not stand and is outside the
    /// close groups (bs/hr/sr, id/ms, da/nb/nn; a probe in one goes straight to `detectionBytes`);
    /// it reads `detectionBytes` after these only when their answer is in a close group or its
    /// spans may make the text mixed. On langid-dev's documents 1 KB alone lost 1 of
    /// 3,000, 512 bytes 23; perf-dev's time fell by a third. The model and the word lexicon,
    /// which settle the close groups, read these first bytes (with 2 KB: one document less
    /// right on langid-dev, none more on the man pages, and twice the look-ups).
    public static let firstDetectionBytes = 1024
    /// Bytes CLD2 reads before `firstDetectionBytes` (head, middle and tail slices as
    /// `sample` cuts them): its answer stands when `stands(_:)` accepts it, and CLD2, whose time
    /// grows with what it reads, reads half as much for most documents.
    public static let probeBytes = 512
    /// CLD2's percent of the probe's text in its first answer from which the answer stands.
    static let probePercent = 90
    /// Minimum letters of a line for it to get its own language in a mixed document.
    static let lineLetters = 24
    static let groups: [(codes: Set<String>, name: String)] = [(["bs", "hr", "sr"], "bs/hr/sr"), (["id", "ms"], "id/ms")]

    /// The second opinion on short text; nil leaves CLD2 alone.
    public let model: NgramModel?
    /// Texts with fewer letters than this are re-ranked by the n-gram model.
    static let shortLetters = 200
    /// Weight of CLD2's share of a language against the model's cost per n-gram (tenths of a
    /// nat), halved when CLD2 does not call its answer reliable; tuned on held-out catalogs.
    static let cld2Weight = 3.0

    /// How much (summed log-ratio) the words must favour a language of the pair to decide.
    static let lexiconMargin = 2.0
    /// The last word between two close languages (da/nb, hr+bs/sr, hr/bs); nil leaves the answer alone.
    public let lexicon: PairLexicon?

    public init(bestEffort: Bool, mixedShare: Double = 0.2, model: NgramModel? = NgramModel.shipped,
                lexicon: PairLexicon? = PairLexicon.shipped) {
        self.bestEffort = bestEffort
        self.mixedShare = mixedShare
        self.model = model
        self.lexicon = lexicon
    }

    /// Ranks the model's languages by their cost per n-gram less a bonus for CLD2's share of
    /// them; languages the model lacks compete through CLD2's share alone, and so do those it
    /// has thin costs for (`NgramModel.thin`) when CLD2's spans (`spanned`) name them: on
    /// short text CLD2's summary names such languages (Lingala, Tatar, Kinyarwanda) for spans
    /// it left unknown. The caller names no spans for a single word, which CLD2's spans give
    /// to such a language just as readily (Kinyarwanda for Luganda, Swahili, Czech words).
    static func reranked(_ top: [LanguageResult.Candidate], reliable: Bool, model: NgramModel,
                         costs: [Double], ngrams: Int, spanned: [String] = []) -> ([LanguageResult.Candidate], Double) {
        let weight = cld2Weight * (reliable ? 1 : 0.5)
        let best = costs.min() ?? 0
        // Per answer of the model, then per CLD2 answer the model lacks: its score.
        var codes = model.answers.codes
        var scores = [Double](repeating: -.infinity, count: codes.count)
        // Per answer: whether only thin languages of the model answer it.
        var thin = [Bool](repeating: true, count: codes.count)
        for (i, slot) in model.answers.slots.enumerated() where !model.thin[i] || !spanned.contains(codes[slot]) {
            scores[slot] = max(scores[slot], -costs[i])
            thin[slot] = false
        }
        for candidate in top {
            if let slot = model.answers.slot[candidate.code], thin[slot] {
                scores[slot] = -best + weight * candidate.share
            } else if let slot = model.answers.slot[candidate.code] ?? codes[model.answers.codes.count...].firstIndex(of: candidate.code) {
                scores[slot] += weight * candidate.share
            } else {
                codes.append(candidate.code)
                scores.append(-best + weight * candidate.share)
            }
        }
        // The first three by score, then code (an order with no ties, so the first three of a full sort).
        var places: [Int] = []
        for i in codes.indices {
            var at = places.count
            while at > 0, scores[i] != scores[places[at - 1]] ? scores[i] > scores[places[at - 1]] : codes[i] < codes[places[at - 1]] {
                at -= 1
            }
            guard at < 3 else { continue }
            places.insert(i, at: at)
            if places.count > 3 { places.removeLast() }
        }
        let ranked = places.map { (key: codes[$0], value: scores[$0]) }
        // Odds from the whole text's difference in log-probability, tempered by half.
        let odds = ranked.prefix(3).map { exp(($0.value - ranked[0].value) * Double(ngrams) / 20) }
        let sum = odds.reduce(0, +)
        let candidates = zip(ranked.prefix(3), odds).map { LanguageResult.Candidate(code: $0.0.key, share: $0.1 / sum) }
        let confidence = candidates[0].share * (top.first?.code == candidates[0].code && reliable ? 1 : 0.5)
        return (candidates, confidence)
    }

    /// Whether UTF-8 `bytes` hold two words: an ASCII space, tab or line break with other bytes
    /// before and after it.
    static func hasTwoWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = bytes.firstIndex(where: { !blank($0) }), let last = bytes.lastIndex(where: { !blank($0) }) else { return false }
        return bytes[first..<last].contains(where: blank)
    }

    /// Near-identical languages that the model, trained on each separately (Serbian Latin
    /// included), tells apart better than CLD2 on held-out catalogs, in short and long text.
    static let closeGroups: [Set<String>] = [["bs", "hr", "sr"], ["id", "ms"], ["da", "nb", "nn"]]

    /// The place in `closeGroups` of the group of `code` (the first two are `groups`); nil
    /// outside them. Its two bytes compared as one number, where a switch of strings compared
    /// the code with each in turn.
    static func closeGroup(of code: String) -> Int? {
        let utf8 = code.utf8
        guard utf8.count == 2 else { return nil }
        switch LanguageCodes.twoBytes(utf8) {
        case 0x6273, 0x6872, 0x7372: return 0 // bs, hr, sr
        case 0x6964, 0x6D73: return 1 // id, ms
        case 0x6461, 0x6E62, 0x6E6E: return 2 // da, nb, nn
        default: return nil
        }
    }

    /// Share of CLD2's spans in other languages than its first answer (and its group): from
    /// half of `mixed_share` on, every line is identified, so the 2 KB sample (a page's head
    /// and footer weigh less in it) decides whether to.
    static func foreignShare(_ detection: CLD2.Detection) -> Double {
        let first = LanguageCodes.iso(detection.languages[0].code, cld2: detection.languages[0].language)
        var total = 0, other = 0
        for chunk in detection.chunks {
            total += chunk.length
            let code = LanguageCodes.iso(chunk.code, cld2: chunk.language)
            if code != "und" && !sameGroup(code, first) { other += chunk.length }
        }
        return total > 0 ? Double(other) / Double(total) : 0
    }

    /// Whether CLD2's answer on the probe (`probeBytes` of a longer text, as `sample` cuts them)
    /// stands: a language, reliable, at least `probePercent` of the text, outside the close
    /// groups and with no span in another language (whose lines a longer sample could make the
    /// document mixed).
    static func stands(_ probe: CLD2.Detection) -> Bool {
        probe.reliable && probe.languages[0].percent >= probePercent
            && LanguageCodes.iso(probe.languages[0].code, cld2: probe.languages[0].language) != "und"
            && !inCloseGroup(probe) && foreignShare(probe) == 0
    }

    /// Whether CLD2's first answer is in a close group.
    static func inCloseGroup(_ detection: CLD2.Detection) -> Bool {
        closeGroup(of: LanguageCodes.iso(detection.languages[0].code, cld2: detection.languages[0].language)) != nil
    }

    /// When CLD2 and the model answer two languages of one close group, takes the model's.
    static func settled(_ top: [LanguageResult.Candidate], cld2: String?, model: NgramModel,
                        costs: [Double]) -> [LanguageResult.Candidate] {
        guard let cld2, let best = costs.indices.min(by: { costs[$0] < costs[$1] }) else { return top }
        let answer = LanguageCodes.iso(model.languages[best])
        guard let group = closeGroups.first(where: { $0.contains(cld2) && $0.contains(answer) }),
              let first = top.first, first.code != answer, group.contains(first.code) else { return top }
        return promoting(answer, in: top)
    }

    /// `top` with `answer` first, at the share of the former first, which takes `answer`'s
    /// former share (or leaves when `answer` had none).
    static func promoting(_ answer: String, in top: [LanguageResult.Candidate]) -> [LanguageResult.Candidate] {
        guard let first = top.first, first.code != answer else { return top }
        let share = top.first { $0.code == answer }?.share
        let rest = top.dropFirst().filter { $0.code != answer }
        return [LanguageResult.Candidate(code: answer, share: first.share)]
            + (share.map { [LanguageResult.Candidate(code: first.code, share: $0)] } ?? []) + rest
    }

    public func identify(_ text: String) -> LanguageResult {
        text.withUTF8Bytes { identify(utf8: $0) }
    }

    /// `identify(_:)` of a text whose UTF-8 is `bytes`: the samples are cut from the bytes into
    /// buffers and handed to C as bytes. The first sample and the probe are on the stack (the
    /// first in an inline array: `withUnsafeTemporaryAllocation` takes the heap for more than
    /// 1 KB), the longer sample, which a tenth of the texts need, on the heap.
    private func identify(utf8 bytes: UnsafeBufferPointer<UInt8>) -> LanguageResult {
        var first = InlineArray<1040, UInt8>(repeating: 0)
        var firstSpan = first.mutableSpan
        return firstSpan.withUnsafeMutableBufferPointer { first in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.sampleCapacity(Self.probeBytes)) { probe in
                identify(utf8: bytes, first: first, probe: probe)
            }
        }
    }

    /// `identify(utf8:)` with room for the first sample in `first` and for the probe in `probe`.
    private func identify(utf8 bytes: UnsafeBufferPointer<UInt8>, first: UnsafeMutableBufferPointer<UInt8>,
                          probe probeBuffer: UnsafeMutableBufferPointer<UInt8>) -> LanguageResult {
        var longBuffer: UnsafeMutableBufferPointer<UInt8>?
        defer { longBuffer?.deallocate() }
        func longSample() -> UnsafeBufferPointer<UInt8> {
            let out = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Self.sampleCapacity(Self.detectionBytes))
            longBuffer = out
            return Self.sample(bytes, bytes: Self.detectionBytes, into: out)
        }
        let firstSample = LanguageIdentifier.sample(bytes, bytes: LanguageIdentifier.firstDetectionBytes, into: first)
        var sample = firstSample
        let counts = ScriptLetters(utf8: firstSample)
        guard let dominant = ScriptPrior.dominant(counts) else {
            return LanguageResult(code: "und", confidence: 0, reliable: false, top: [], spans: [], script: "Zyyy")
        }
        let cjk = ScriptPrior.cjk(counts)
        let admitted = Self.admitted(script: dominant, cjk: cjk)
        // One language for the script: neither CLD2 nor the model can change the answer, and
        // when other letters are too few to make the text mixed, CLD2 is not asked at all.
        let scriptDecides = admitted?.languages.count == 1
        if scriptDecides, let admitted, admitted.share >= Self.scriptAloneShare {
            return Self.scriptAnswer(admitted.languages[0], share: admitted.share, script: dominant.script)
        }
        // When the script decides (its letters are 60–90% of the sample: CLD2 is read for the
        // spans), the probe would not stand for most texts: other letters hold a tenth of the
        // sample or more, and CLD2 gives them spans. It is not read (on perf-dev it stood for
        // 28 of such 943 documents).
        let probe = bytes.count > Self.probeBytes && !scriptDecides
            ? CLD2.detect(utf8: Self.sample(bytes, bytes: Self.probeBytes, into: probeBuffer), bestEffort: bestEffort) : nil
        var detection: CLD2.Detection
        if let probe, Self.stands(probe) {
            detection = probe
        } else if let probe, bytes.count > Self.firstDetectionBytes, Self.inCloseGroup(probe) {
            // The close groups want more text: 1 KB would be read, found in a group and read again at 2 KB.
            sample = longSample()
            detection = CLD2.detect(utf8: sample, bestEffort: bestEffort)
        } else {
            detection = CLD2.detect(utf8: sample, bestEffort: bestEffort)
            if bytes.count > Self.firstDetectionBytes, Self.inCloseGroup(detection) || Self.foreignShare(detection) >= mixedShare / 2 {
                sample = longSample()
                detection = CLD2.detect(utf8: sample, bestEffort: bestEffort)
            }
        }
        var top: [LanguageResult.Candidate] = []
        top.reserveCapacity(3)
        for language in detection.languages where language.percent > 0 {
            let code = LanguageCodes.iso(language.code, cld2: language.language)
            if code != "und" { top.append(LanguageResult.Candidate(code: code, share: Double(language.percent) / 100)) }
        }
        var confidence = (top.first?.share ?? 0) * (detection.reliable ? 1 : 0.5)
        let short = counts.letters < Self.shortLetters
        let cld2Top = top.first?.code
        // Bosnian and Croatian are written in Latin letters only: Cyrillic Serbian needs no settling.
        let inCloseGroup = dominant.script == "Latn" && cld2Top.map { Self.closeGroup(of: $0) != nil } ?? false
        if let model, !scriptDecides, short || inCloseGroup,
           let opinion = short ? model.costs(utf8: sample) : model.costs(utf8: firstSample, subset: model.closeRows) {
            if short {
                (top, confidence) = Self.reranked(top, reliable: detection.reliable, model: model, costs: opinion.costs,
                                                  ngrams: opinion.ngrams,
                                                  spanned: Self.hasTwoWords(sample)
                                                      ? detection.chunks.map { LanguageCodes.iso($0.code, cld2: $0.language) } : [])
            }
            top = Self.settled(top, cld2: cld2Top, model: model, costs: opinion.costs)
        }
        (top, confidence) = Self.guarded(top, confidence: confidence, script: dominant, cjk: cjk)
        if let lexicon, dominant.script == "Latn" {
            // Each pair that holds the answer so far, in the lexicon's order: Croatian and Bosnian
            // are first told from Serbian by the yat reflex, then Bosnian from Croatian by its
            // Serbian words.
            for pair in 0..<lexicon.pairCount {
                if let first = top.first, lexicon.holds(pair, first.code),
                   let decision = lexicon.decide(utf8: firstSample, near: first.code, ranked: top.map(\.code), pair: pair),
                   decision.margin >= Self.lexiconMargin {
                    top = Self.promoting(decision.code, in: top)
                }
            }
        }
        if dominant.script == "Cyrl", let first = top.first, let code = Self.cyrillicLetters(sample, near: first.code) {
            top = Self.promoting(code, in: top)
        }
        guard let best = top.first else {
            return LanguageResult(code: "und", confidence: 0, reliable: false, top: [], spans: [], script: dominant.script)
        }
        let spans = Self.shares(detection.chunks)
        let pair = Self.group(of: best.code, script: dominant.script)?.name
        let foreign = spans.filter { $0.code != "und" && !Self.sameGroup($0.code, best.code) }.map(\.share).reduce(0, +)
        var lineSpans: [LanguageSpan] = []
        var mixed = foreign >= mixedShare
        if foreign >= mixedShare / 2, bytes.count <= LanguageIdentifier.sampleBytes {
            lineSpans = lineLanguages(utf8: bytes, documentCode: best.code)
            let total = lineSpans.reduce(0) { $0 + $1.bytes }
            let other = lineSpans.filter { $0.code != "und" && !Self.sameGroup($0.code, best.code) }.reduce(0) { $0 + $1.bytes }
            mixed = total > 0 && Double(other) / Double(total) >= mixedShare
            if !mixed { lineSpans = [] }
        }
        return LanguageResult(code: best.code, confidence: confidence, reliable: detection.reliable,
                              top: Array(top.prefix(3)), spans: spans, script: dominant.script,
                              lineSpans: lineSpans, mixed: mixed, pair: pair)
    }

    /// Cyrillic letters that one South Slavic language writes and its neighbours do not:
    /// Macedonian ѓ ќ ѕ, Serbian ђ ћ (Bulgarian neither).
    static let cyrillicLetters: [(code: String, letters: Set<Unicode.Scalar>)] = [
        ("mk", ["ѓ", "ќ", "ѕ", "Ѓ", "Ќ", "Ѕ"]), ("sr", ["ђ", "ћ", "Ђ", "Ћ"]),
    ]

    /// Per code point from U+0400 to U+045F, the places in `cyrillicLetters` of the languages
    /// that write it, as bits.
    static let cyrillicOwners: [UInt8] = (0x400..<0x460).map { v in
        cyrillicLetters.indices.reduce(0) { bits, i in
            cyrillicLetters[i].letters.contains(Unicode.Scalar(UInt32(v))!) ? bits | 1 << i : bits
        }
    }

    /// The language whose own letters `text` has, when the answer `code` is Serbian,
    /// Macedonian or Bulgarian and the text has the letters of one language only; nil otherwise.
    static func cyrillicLetters(_ text: String, near code: String) -> String? {
        text.withUTF8Bytes { cyrillicLetters($0, near: code) }
    }

    /// `cyrillicLetters(_:near:)` of UTF-8 `utf8`.
    static func cyrillicLetters(_ utf8: [UInt8], near code: String) -> String? {
        utf8.withUnsafeBufferPointer { cyrillicLetters($0, near: code) }
    }

    /// `cyrillicLetters(_:near:)` of the UTF-8 bytes `utf8`: U+0400–U+045F are the two-byte
    /// sequences led by 0xD0 or 0xD1 whose value falls below 0x460.
    static func cyrillicLetters(_ utf8: UnsafeBufferPointer<UInt8>, near code: String) -> String? {
        guard ["sr", "mk", "bg"].contains(code) else { return nil }
        // Which of `cyrillicLetters` have a letter in the text, as bits by their place there.
        var found = 0
        var i = 0
        while i + 1 < utf8.count {
            let lead = utf8[i]
            if lead == 0xD0 || lead == 0xD1 {
                let v = Int(lead & 0x1F) << 6 | Int(utf8[i + 1] & 0x3F)
                if v < 0x460 { found |= Int(cyrillicOwners[v - 0x400]) }
                i += 2
            } else {
                i += 1
            }
        }
        return found.nonzeroBitCount == 1 ? cyrillicLetters[found.trailingZeroBitCount].code : nil
    }

    /// Share of the weighted letters from which a script of one language answers alone: the
    /// other letters are then too few to make the text mixed at any `mixed_share` of 0.2 or more.
    static let scriptAloneShare = 0.9

    /// The languages the CJK letters, or else a dominant script (60% of the letters or more),
    /// admit, with their share of the letters; nil when the script admits any language.
    static func admitted(script: (script: String, share: Double),
                         cjk: (languages: [String], share: Double)?) -> (languages: [String], share: Double)? {
        if let cjk { return cjk }
        guard script.share >= 0.6, let languages = ScriptPrior.languages[script.script] else { return nil }
        return (languages, script.share)
    }

    /// The answer of a script that only one language writes, at 0.95 × its share of the
    /// letters (as when the script overrules CLD2); the other letters' share is `und`.
    static func scriptAnswer(_ code: String, share: Double, script: String) -> LanguageResult {
        let answer = LanguageResult.Candidate(code: code, share: share)
        let spans = share < 1 ? [answer, LanguageResult.Candidate(code: "und", share: 1 - share)] : [answer]
        return LanguageResult(code: code, confidence: 0.95 * share, reliable: true, top: [answer], spans: spans, script: script)
    }

    /// Applies the script prior: keeps CLD2's answer when the CJK letters (`cjk`) or else the
    /// dominant script admit it, otherwise answers their language (or a low-confidence
    /// fallback for CLD2's und).
    static func guarded(_ top: [LanguageResult.Candidate], confidence: Double, script: (script: String, share: Double),
                        cjk: (languages: [String], share: Double)?) -> ([LanguageResult.Candidate], Double) {
        if let (admitted, share) = admitted(script: script, cjk: cjk) {
            if let first = top.first, admitted.contains(first.code) { return (top, confidence) }
            let choice = top.first(where: { admitted.contains($0.code) })?.code ?? admitted[0]
            let rest = top.filter { $0.code != choice }
            let sure = admitted.count == 1 ? 0.95 : 0.6
            return ([LanguageResult.Candidate(code: choice, share: share)] + rest, share * sure)
        }
        if top.isEmpty, let guess = ScriptPrior.fallback[script.script], script.share >= 0.6 {
            return ([LanguageResult.Candidate(code: guess, share: script.share)], 0.25 * script.share)
        }
        return (top, confidence)
    }

    /// Languages of the lines of UTF-8 `bytes`: lines with too few letters take their
    /// neighbour's. Empty when the lines in other languages than `documentCode` cannot reach
    /// `mixedShare` of the bytes: the lines left are not read once the ones read leave too
    /// few bytes for that (the spans are only kept for a mixed document).
    func lineLanguages(utf8 bytes: UnsafeBufferPointer<UInt8>, documentCode: String) -> [LanguageSpan] {
        let lines = Self.lineRanges(bytes)
        let total = lines.reduce(0) { $0 + $1.count + 1 }
        // Bytes of lines read that take a foreign language; of lines read before any line had a
        // language (they take the first that has one); of lines not read yet.
        var foreign = 0, undecided = 0, unread = total
        var current: String?
        var codes: [String?] = []
        codes.reserveCapacity(lines.count)
        // The line being identified with a NUL after it: CLD2 reads a character past the end.
        var line: [UInt8] = []
        for range in lines {
            let code = lineCode(bytes, range, buffer: &line)
            codes.append(code)
            let size = range.count + 1
            unread -= size
            if let code {
                if current == nil, code != "und", !Self.sameGroup(code, documentCode) { foreign += undecided }
                if current == nil { undecided = 0 }
                current = code
            }
            if let current {
                if current != "und", !Self.sameGroup(current, documentCode) { foreign += size }
            } else {
                undecided += size
            }
            if Double(foreign + undecided + unread) / Double(total) < mixedShare { return [] }
        }
        let firstKnown = codes.compactMap { $0 }.first ?? documentCode
        var spans: [LanguageSpan] = []
        var code = firstKnown
        for (i, range) in lines.enumerated() {
            if let known = codes[i] { code = known }
            let size = range.count + 1
            if let last = spans.last, last.code == code {
                spans[spans.count - 1] = LanguageSpan(lines: last.lines.lowerBound..<(i + 1), code: code, bytes: last.bytes + size)
            } else {
                spans.append(LanguageSpan(lines: i..<(i + 1), code: code, bytes: size))
            }
        }
        return spans
    }

    /// The language of the line `range` of `bytes`; nil when it has fewer than `lineLetters`
    /// letters or no language. `buffer` holds the line for CLD2.
    private func lineCode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, buffer: inout [UInt8]) -> String? {
        guard Self.hasLineLetters(bytes, range) else { return nil }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
        buffer.append(0)
        return buffer.withUnsafeBufferPointer { all in
            let line = UnsafeBufferPointer(rebasing: all[0..<range.count])
            let counts = ScriptLetters(utf8: line)
            let script = ScriptPrior.dominant(counts)
            let cjk = ScriptPrior.cjk(counts)
            if let script, let admitted = Self.admitted(script: script, cjk: cjk), admitted.languages.count == 1,
               admitted.share >= Self.scriptAloneShare {
                return admitted.languages[0]
            }
            let detection = CLD2.detect(utf8: line, bestEffort: true, spans: false)
            var top = detection.languages.filter { $0.percent > 0 && LanguageCodes.iso($0.code) != "und" }
                .map { LanguageResult.Candidate(code: LanguageCodes.iso($0.code), share: Double($0.percent) / 100) }
            if let script {
                top = Self.guarded(top, confidence: 0, script: script, cjk: cjk).0
            }
            return top.first?.code
        }
    }

    /// Whether the line `range` of `bytes` has at least `lineLetters` scalars with the
    /// Alphabetic property.
    static func hasLineLetters(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let table = WordCharacterTable.shared
        var letters = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let scalar: Unicode.Scalar
            if bytes[i] < 0x80 {
                scalar = Unicode.Scalar(bytes[i])
                i += 1
            } else {
                let (decoded, length) = UTF8Decoding.scalar(bytes, at: i)
                scalar = decoded
                i += length
            }
            if table.isAlphabetic(scalar) {
                letters += 1
                if letters == lineLetters { return true }
            }
        }
        return false
    }

    /// The lines of UTF-8 `bytes` as byte ranges, cut as `split(separator: "\n",
    /// omittingEmptySubsequences: false)` cuts a string: a line feed is a character of its own
    /// but after a carriage return, with which it makes one character (a line break the split
    /// does not cut at).
    static func lineRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) {
            lines.append(start..<i)
            start = i + 1
        }
        lines.append(start..<bytes.count)
        return lines
    }

    /// The share of CLD2's spans' bytes of each language (the `iso` of their codes), largest first.
    static func shares(_ chunks: [(offset: Int, length: Int, code: String, language: Int)]) -> [LanguageResult.Candidate] {
        // A few codes at most: a list, where a dictionary hashed every code; each row's bytes
        // are held in its share (exact in a Double) until the total is known.
        var rows: [LanguageResult.Candidate] = []
        rows.reserveCapacity(4)
        var total = 0
        for chunk in chunks {
            let code = LanguageCodes.iso(chunk.code, cld2: chunk.language)
            if let row = rows.firstIndex(where: { $0.code == code }) {
                rows[row] = LanguageResult.Candidate(code: code, share: rows[row].share + Double(chunk.length))
            } else {
                rows.append(LanguageResult.Candidate(code: code, share: Double(chunk.length)))
            }
            total += chunk.length
        }
        for row in rows.indices {
            rows[row] = LanguageResult.Candidate(code: rows[row].code,
                                                 share: total > 0 ? rows[row].share / Double(total) : 0)
        }
        rows.sort { $0.share != $1.share ? $0.share > $1.share : $0.code < $1.code }
        return rows
    }

    static func group(of code: String, script: String) -> (codes: Set<String>, name: String)? {
        guard script == "Latn", let place = closeGroup(of: code), place < groups.count else { return nil }
        return groups[place]
    }

    static func sameGroup(_ a: String, _ b: String) -> Bool {
        guard a != b else { return true }
        guard let place = closeGroup(of: a), place < groups.count else { return false }
        return closeGroup(of: b) == place
    }

    /// The whole text when short; otherwise three slices (head, middle, tail) that start
    /// after a line break, so a 10 MB document costs what a short one does.
    static func sample(_ text: String, bytes budget: Int = sampleBytes) -> String {
        guard text.utf8.count > budget else { return text }
        var text = text
        return text.withUTF8 { String(decoding: sample($0, bytes: budget), as: UTF8.self) }
    }

    /// `sample(_:bytes:)` of UTF-8 `bytes`, as bytes: the slices start and end on scalar
    /// boundaries and are joined by line feeds. A NUL follows the last byte in the array's
    /// storage, as it follows a Swift string's: CLD2 reads one character past the end.
    static func sample(_ bytes: UnsafeBufferPointer<UInt8>, bytes budget: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: sampleCapacity(budget)) { out, initialized in
            initialized = sample(bytes, bytes: budget, into: out).count
        }
    }

    /// Room for a sample of `budget` bytes and its NUL: each slice may end up to three bytes
    /// past its share, on a scalar boundary.
    static func sampleCapacity(_ budget: Int) -> Int { budget + 16 }

    /// `sample(_:bytes:)` of UTF-8 `bytes` written to `out` (`sampleCapacity(budget)` bytes at
    /// least), with a NUL after it there.
    static func sample(_ bytes: UnsafeBufferPointer<UInt8>, bytes budget: Int,
                       into out: UnsafeMutableBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard bytes.count > budget else { return terminated(0..<bytes.count, then: nil, of: bytes, into: out) }
        let slice = budget / 3
        func part(from start: Int) -> Range<Int> {
            var lo = start
            if lo > 0, let newline = memchr(bytes.baseAddress! + lo, 0x0A, min(bytes.count, lo + slice / 2) - lo) {
                lo = bytes.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            }
            while lo < bytes.count, bytes[lo] & 0xC0 == 0x80 { lo += 1 }
            var hi = min(bytes.count, lo + slice)
            while hi < bytes.count, bytes[hi] & 0xC0 == 0x80 { hi += 1 }
            return lo..<hi
        }
        return terminated(part(from: 0), then: (part(from: bytes.count / 2 - slice / 2), part(from: bytes.count - slice)),
                          of: bytes, into: out)
    }

    /// The range `head` of `bytes`, then `rest` when given, joined by line feeds, written to
    /// `out` with a NUL after them.
    private static func terminated(_ head: Range<Int>, then rest: (middle: Range<Int>, tail: Range<Int>)?,
                                   of bytes: UnsafeBufferPointer<UInt8>,
                                   into out: UnsafeMutableBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let count = head.count + (rest.map { $0.middle.count + $0.tail.count + 2 } ?? 0)
        precondition(count < out.count, "a sample's buffer holds it and its NUL")
        var at = 0
        func copy(_ part: Range<Int>) {
            if !part.isEmpty { (out.baseAddress! + at).update(from: bytes.baseAddress! + part.lowerBound, count: part.count) }
            at += part.count
        }
        copy(head)
        if let (middle, tail) = rest {
            out[at] = 0x0A
            at += 1
            copy(middle)
            out[at] = 0x0A
            at += 1
            copy(tail)
        }
        out[at] = 0
        return UnsafeBufferPointer(rebasing: out[0..<at])
    }
}
