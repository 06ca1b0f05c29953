import CorpusCleanCore
#if canImport(Glibc)
import Glibc
#endif

/// Splits a text into lines and measures them in one pass over the UTF-8 bytes: no String per
/// line or token, and ICU only for non-ASCII letters.
struct LineScanner {
    var lines: [LineFeatures] = []
    /// Language bit sets of the stopword tokens, line after line (`LineFeatures.stopwords`).
    var masks: [UInt32] = []

    private let stopwords = Stopwords.table

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        var lines: [LineFeatures] = []
        lines.reserveCapacity(n / 48 + 16)
        // A token takes a byte and a separator: at most n / 2 + 1 of them, so the masks are
        // written without a capacity check (and without a branch on whether a token is a
        // stopword), into uninitialized memory of which only the first `maskCount` are kept.
        let table = stopwords
        let kinds = ScalarKindTable.shared
        masks = [UInt32](unsafeUninitializedCapacity: n / 2 + 2) { masks, maskCount in
            // The hashes of one line's tokens (at most half its bytes and one), looked up once
            // the line is scanned.
            var capacity = 256
            var tokens = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
            defer { tokens.deallocate() }
            var lineStart = 0
            while lineStart <= n {
                var lineEnd = n
                if lineStart < n, let base = bytes.baseAddress,
                   let newline = memchr(base + lineStart, 0x0A, n - lineStart) {
                    lineEnd = lineStart + (UnsafeRawPointer(newline) - UnsafeRawPointer(base + lineStart))
                }
                if (lineEnd - lineStart) / 2 + 1 > capacity {
                    tokens.deallocate()
                    capacity = max(2 * capacity, (lineEnd - lineStart) / 2 + 1)
                    tokens = .allocate(capacity: capacity)
                }
                LineScanner.scanLine(bytes, lineStart, lineEnd, table, kinds, &lines, masks, &maskCount, tokens)
                lineStart = lineEnd + 1
            }
        }
        self.lines = lines
    }

    private static func scanLine(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ table: HashedWordTable,
                                 _ kinds: ScalarKindTable, _ lines: inout [LineFeatures], _ masks: UnsafeMutableBufferPointer<UInt32>,
                                 _ maskCount: inout Int, _ tokens: UnsafeMutablePointer<UInt64>) {
        var start = from
        var end = to
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0D) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D) { end -= 1 }
        var line = LineFeatures(start: start, end: end)
        line.stopwords = maskCount..<maskCount
        guard start < end else { lines.append(line); return }

        var spaced = 0
        var inToken = false
        var token = TokenHash.seed
        var key = TokenHash.seed
        var keyed = false
        var tokenCount = 0
        var last: UInt32 = 0
        var latin = 0
        var others = 0
        var unspaced = 0
        var separators = 0
        var numbers = 0
        var scripts: [(script: Int32, letters: Int)] = []
        // Letters of the current run of one non-Latin script, tallied into `scripts` when it ends.
        var runScript: Int32 = -1
        var runCount = 0
        var previousSpace = false
        var codeMark = false
        var innerSlashes = 0
        var i = start
        @inline(__always) func endToken() {
            guard inToken else { return }
            inToken = false
            tokens[tokenCount] = token
            tokenCount &+= 1
            key = (key ^ token) &* TokenHash.prime
        }
        while i < end {
            let b = bytes[i]
            var v: UInt32
            if b < 0x80 {
                v = UInt32(b)
                i += 1
                if (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 {
                    // A run of ASCII letters and digits in one tight loop; `| 0x20` lowercases
                    // letters and leaves digits as they are.
                    if !inToken {
                        inToken = true
                        spaced += 1
                        token = TokenHash.seed
                        if b &- 0x30 < 10 { numbers += 1 }
                    }
                    let run = LineScanner.asciiRun(bytes, i, end, (token ^ UInt64(b | 0x20)) &* TokenHash.prime)
                    i = run.end
                    token = run.hash
                    latin += run.letters + ((b | 0x20) &- 0x61 < 26 ? 1 : 0)
                    keyed = true
                    last = UInt32(bytes[i - 1])
                    previousSpace = false
                    continue
                }
            } else {
                if b &- 0xE3 < 7 && !inToken {
                    // A run of ideographs and kana, as the letters one by one below: Han letters
                    // of a script without spaces.
                    let run = LineScanner.hanRun(bytes, i, end, key)
                    if run.count > 0 {
                        i = run.end
                        key = run.key
                        last = run.last
                        others += run.count
                        unspaced += run.count
                        if runScript == 17 {
                            runCount += run.count
                        } else {
                            LineScanner.tally(&scripts, runScript, runCount)
                            runScript = 17
                            runCount = run.count
                        }
                        keyed = true
                        previousSpace = false
                        continue
                    }
                }
                // UTF8Decoding.value(_:at:end:) spelled out: through the call the stage measured 1% slower.
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                v = UInt32(b) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                var k = 1
                while k < length && i + k < end { v = v << 6 | UInt32(bytes[i + k] & 0x3F); k += 1 }
                i += length
                let kind = kinds.kind(v)
                if kind.isLetter {
                    let s = kind.script
                    if s == 25 {
                        latin += 1
                    } else {
                        others += 1
                    }
                    if s != 25 && s != Script.common && s != Script.inherited {
                        if s == runScript {
                            runCount += 1
                        } else {
                            LineScanner.tally(&scripts, runScript, runCount)
                            runScript = s
                            runCount = 1
                        }
                    }
                    keyed = true
                    last = v
                    previousSpace = false
                    if LineFeatures.isUnspacedScript(s) {
                        unspaced += 1
                        endToken()
                        key = TokenHash.add(v, to: key)
                        continue
                    }
                    if !inToken { inToken = true; spaced += 1; token = TokenHash.seed }
                    token = TokenHash.add(TokenHash.lower(v), to: token)
                    continue
                }
                if kind.joinsWord {
                    if !inToken && kind.isDigit { inToken = true; spaced += 1; numbers += 1; token = TokenHash.seed }
                    if inToken { token = TokenHash.add(v, to: token) }
                    last = v
                    continue
                }
            }
            let afterWord = inToken
            endToken()
            let isSpace = v == 0x20 || v == 0x09 || v == 0xA0 || v == 0x3000
            if isSpace {
                previousSpace = true
                continue
            }
            if previousSpace {
                switch v {
                case 0x7C, 0x2F, 0x203A, 0xBB, 0x2D, 0x2013, 0x2014:
                    if i < end && bytes[i] == 0x20 { separators += 1 }
                default: break
                }
            }
            if !codeMark && CodeBlocks.mayMark(v) {
                let atStart = i - 1 == start
                codeMark = CodeBlocks.isMark(UInt8(v), bytes, next: i, end: end, atStart: atStart,
                                             afterSpace: previousSpace || atStart, afterWord: afterWord,
                                             innerSlashes: &innerSlashes)
            }
            previousSpace = false
            if !LineFeatures.isCloser(v) { last = v }
        }
        endToken()
        LineScanner.lookUp(tokens, tokenCount, table, &line, masks.baseAddress!, &maskCount)
        line.letters = latin + others
        line.unspacedLetters = unspaced
        line.separators = separators
        line.numbers = numbers
        line.words = spaced + (unspaced + 1) / 2
        line.endsSentence = LineFeatures.isSentenceEnd(last)
        line.endsClause = last == 0x2C || last == 0x3001 || last == 0xFF0C || last == 0x060C
        line.key = keyed ? key : 0
        line.codeMark = codeMark
        if scripts.isEmpty && runCount == 0 {
            // Latin letters only, or no letters: no tally to sort.
            line.script = latin > 0 ? 25 : nil
            lines.append(line)
            return
        }
        if scripts.isEmpty {
            // One script besides Latin: the order of two tallies, without a list to sort.
            let runFirst = latin == 0 || runCount > latin || (runCount == latin && runScript < 25)
            line.script = runFirst ? runScript : 25
            if latin > 0 { line.secondScript = runFirst ? 25 : runScript }
            lines.append(line)
            return
        }
        LineScanner.tally(&scripts, runScript, runCount)
        if latin > 0 {
            if let at = scripts.firstIndex(where: { $0.script == 25 }) { scripts[at].letters += latin } else { scripts.append((25, latin)) }
        }
        scripts.sort { a, b in a.letters != b.letters ? a.letters > b.letters : a.script < b.script }
        line.script = scripts.first?.script
        if scripts.count > 1 { line.secondScript = scripts[1].script }
        lines.append(line)
    }

    /// Looks up the `count` tokens of `line` in the stopword table: their language bit sets,
    /// appended to `masks`, its interface and date words, and whether it mentions cookies. Kept
    /// out of the scan loop, which then has fewer values to keep; here the lookups overlap.
    private static func lookUp(_ tokens: UnsafeMutablePointer<UInt64>, _ count: Int, _ table: HashedWordTable,
                               _ line: inout LineFeatures, _ masks: UnsafeMutablePointer<UInt32>, _ maskCount: inout Int) {
        var stopwords = maskCount
        var flags: UInt32 = 0
        var interfaceWords = 0
        var dateWords = 0
        var pairStarter = false
        var previousToken: UInt64 = 0
        for k in 0..<count {
            let token = tokens[k]
            let mask = table.value(token)
            let languages = mask & Stopwords.languageBits
            masks[stopwords] = languages
            stopwords &+= languages != 0 ? 1 : 0
            flags |= mask
            interfaceWords &+= Int((mask >> Stopwords.interfaceShift) & 1)
            dateWords &+= Int((mask >> Stopwords.dateShift) & 1)
            if pairStarter && table.value(TokenHash.pair(previousToken, token)) & Stopwords.interfaceWord != 0 {
                interfaceWords += 1
            }
            pairStarter = mask & Stopwords.pairStart != 0
            previousToken = token
        }
        line.stopwords = maskCount..<stopwords
        maskCount = stopwords
        line.interfaceWords = interfaceWords
        line.dateWords = dateWords
        line.mentionsCookies = flags & Stopwords.cookieWord != 0
    }

    /// Hashes the ASCII letters and digits from `from` on (lowercased): where the run ends,
    /// its hash, and its letters. (Inlined: since the stopword lookups left the scan loop, the
    /// call no longer keeps its values in registers but costs spills around it.)
    @inline(__always)
    static func asciiRun(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int,
                         _ hash: UInt64) -> (end: Int, hash: UInt64, letters: Int) {
        guard let base = bytes.baseAddress else { return (from, hash, 0) }
        var t = hash
        var letters = 0
        var i = from
        // Eight bytes at a time, classified together: the run's length within them decides
        // without a branch per byte, so that its end (after a few bytes, most of the time)
        // costs no mispredicted branch. Bytes past `end` (still in the text) count as the end
        // of the run.
        let high: UInt64 = 0x8080_8080_8080_8080
        while i < end && bytes.count &- i >= 8 {
            let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let ascii = ~w & high
            let low = w & ~high
            let lower = low | 0x2020_2020_2020_2020
            // Per byte, the high bit of `x + (0x80 - bound)` says x >= bound (x < 0x80 never carries).
            let letter = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lower &+ 0x0505_0505_0505_0505) & ascii
            let digit = (low &+ 0x5050_5050_5050_5050) & ~(low &+ 0x4646_4646_4646_4646) & ascii
            var stop = ~(letter | digit) & high
            if end &- i < 8 { stop |= high << UInt64((end &- i) &* 8) }
            let k = stop.trailingZeroBitCount >> 3
            let run = ((stop & (0 &- stop)) >> 7) &- 1
            // The bytes' high bits summed by a multiply: without POPCNT (not in the baseline
            // x86-64 target) `nonzeroBitCount` is a dozen instructions.
            letters &+= Int(truncatingIfNeeded: (((letter & run) >> 7) &* 0x0101_0101_0101_0101) >> 56)
            var x = lower & run
            for _ in 0..<8 {
                t = (t ^ (x & 0xFF)) &* TokenHash.prime
                x >>= 8
            }
            // The bytes past the run are 0, so their rounds only multiplied by the prime: undone
            // by its inverse, without a select per byte.
            t = t &* TokenHash.inversePrimePower(8 &- k)
            i &+= k
            if k < 8 { return (i, t, letters) }
        }
        while i < end {
            let c = base[i]
            let lower = c | 0x20
            let isLetter = lower &- 0x61 < 26
            guard isLetter || c &- 0x30 < 10 else { break }
            t = (t ^ UInt64(lower)) &* TokenHash.prime
            letters &+= isLetter ? 1 : 0
            i &+= 1
        }
        return (i, t, letters)
    }

    /// The run of ideographs and kana (`kindWithoutTable`'s Han ranges, three UTF-8 bytes each)
    /// from `from` on, decoded without the table: where it ends, `key` with each of them added
    /// (`TokenHash.add`: two bytes each), how many there are, and the last of them.
    @inline(__always)
    static func hanRun(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int,
                       _ key: UInt64) -> (end: Int, key: UInt64, count: Int, last: UInt32) {
        var i = from
        var key = key
        var last: UInt32 = 0
        while end &- i >= 3 {
            let b = bytes[i]
            // Lead bytes E3...E9: U+3000...U+9FFF.
            guard b &- 0xE3 < 7 else { break }
            let v = UInt32(b & 0x0F) << 12 | UInt32(bytes[i &+ 1] & 0x3F) << 6 | UInt32(bytes[i &+ 2] & 0x3F)
            // One branch for the three ranges, not one each (ideographs and kana alternate).
            let ideograph = v &- 0x4E00 < 0x5200 ? 1 : 0
            let kana = (v &- 0x3041 < 0x56 ? 1 : 0) | (v &- 0x30A1 < 0x5A ? 1 : 0)
            guard ideograph | kana != 0 else { break }
            key = (key ^ UInt64(v & 0xFF)) &* TokenHash.prime
            key = (key ^ UInt64(v >> 8)) &* TokenHash.prime
            last = v
            i &+= 3
        }
        return (i, key, (i &- from) / 3, last)
    }

    /// Adds `count` letters of `script` to a short list of (script, letters).
    @inline(__always)
    static func tally(_ scripts: inout [(script: Int32, letters: Int)], _ script: Int32, _ count: Int) {
        guard count > 0 else { return }
        if let at = scripts.firstIndex(where: { $0.0 == script }) { scripts[at].1 += count } else { scripts.append((script, count)) }
    }

    /// Whether a non-ASCII scalar is a letter and of which script (kana count as Han), or a
    /// digit or mark that continues a word: the common blocks by their ranges, the rest from
    /// the scalar's properties. The scan asks `ScalarKindTable`, built from this once.
    static func kindWithoutTable(_ v: UInt32) -> (isLetter: Bool, script: Int32, joinsWord: Bool, isDigit: Bool) {
        // The cases are tested one after another: Cyrillic, the most frequent non-Latin block of
        // two-byte letters, first (the ranges are disjoint but for × and ÷ inside Latin).
        switch v {
        case 0x400...0x481, 0x48A...0x4FF: return (true, 8, false, false)
        case 0xD7, 0xF7: return (false, 0, false, false)
        case 0xC0...0x24F: return (true, 25, false, false)
        case 0x2000...0x206F, 0x20A0...0x20CF, 0x2100...0x2BFF, 0x3000...0x303F, 0xFF00...0xFF0F, 0xFF1A...0xFF20:
            return (false, 0, false, false)
        case 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF: return (true, 17, false, false)
        case 0xAC00...0xD7A3: return (true, 18, false, false) // Hangul syllables
        case 0x0621...0x063A, 0x0641...0x064A: return (true, 2, false, false) // Arabic letters
        case 0x05D0...0x05EA: return (true, 19, false, false) // Hebrew letters
        case 0x0386, 0x0388...0x03CE: return (true, 14, false, false) // Greek letters (and 0x3A2, unassigned)
        default: return kindFromProperties(v)
        }
    }

    /// `kindWithoutTable(_:)` from the scalar's Unicode properties.
    /// On its own because their resilient types make a function look up type metadata on
    /// entry, which `kindWithoutTable(_:)`'s common blocks would otherwise pay for every scalar.
    @inline(never)
    static func kindFromProperties(_ v: UInt32) -> (isLetter: Bool, script: Int32, joinsWord: Bool, isDigit: Bool) {
        guard let scalar = Unicode.Scalar(v) else { return (false, 0, false, false) }
        let properties = scalar.properties
        if properties.isAlphabetic {
            let s = Script.code(of: scalar)
            return (true, s == 20 || s == 22 ? 17 : s, false, false)
        }
        switch properties.generalCategory {
        case .decimalNumber: return (false, 0, true, true)
        case .nonspacingMark, .spacingMark: return (false, 0, true, false)
        default: return (false, 0, false, false)
        }
    }

    /// Stopword hits of `line` in the language of `bit`.
    func hits(_ line: Int, _ bit: Int) -> Int {
        masks[lines[line].stopwords].reduce(0) { $0 + Int(($1 >> UInt32(bit)) & 1) }
    }

    /// Stopword hits per language over the whole text.
    var totals: [Int] {
        // One pass per language (a loop the compiler vectorizes) rather than one branch per bit.
        masks.withUnsafeBufferPointer { masks in
            (0..<Stopwords.languages.count).map { bit in
                var count: UInt32 = 0
                for mask in masks { count &+= (mask >> UInt32(bit)) & 1 }
                return Int(count)
            }
        }
    }
}
