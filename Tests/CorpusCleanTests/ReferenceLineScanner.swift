import CorpusCleanCore
import CTextKit
#if canImport(Glibc)
import Glibc
#endif
@testable import CorpusCleanStages

/// The boilerplate stage's line scan as it was written in Swift before `ctk_line_scan` took its
/// place, kept as the reference the C scan must match measure for measure (`LineScanTests`). It
/// hashes a token whole once it ends (`TokenHash`'s `ctk_token_hash` of its bytes), where the
/// scan hashes it a run at a time.
struct ReferenceLineScanner {
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
                ReferenceLineScanner.scanLine(bytes, lineStart, lineEnd, table, kinds, &lines, masks, &maskCount, tokens)
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
        var key: UInt64 = CTK_HASH_SEED
        // The token's bytes (contiguous: whatever is not part of a token ends it).
        var tokenStart = start
        var tokenEnd = start
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
            let token = ctk_token_hash(bytes.baseAddress! + tokenStart, tokenEnd - tokenStart)
            tokens[tokenCount] = token
            tokenCount &+= 1
            key = ctk_hash_step(key, token)
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
                        tokenStart = i - 1
                        if b &- 0x30 < 10 { numbers += 1 }
                    }
                    let run = ReferenceLineScanner.asciiRun(bytes, i, end)
                    i = run.end
                    tokenEnd = i
                    latin += run.letters + ((b | 0x20) &- 0x61 < 26 ? 1 : 0)
                    keyed = true
                    last = UInt32(bytes[i - 1])
                    previousSpace = false
                    continue
                }
            } else {
                let scalarStart = i
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
                        key = ctk_hash_scalar(key, v)
                        continue
                    }
                    if !inToken { inToken = true; spaced += 1; tokenStart = scalarStart }
                    tokenEnd = min(i, end)
                    continue
                }
                if kind.joinsWord {
                    if !inToken && kind.isDigit { inToken = true; spaced += 1; numbers += 1; tokenStart = scalarStart }
                    if inToken { tokenEnd = min(i, end) }
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
            if !codeMark && Self.mayMark(v) {
                let atStart = i - 1 == start
                codeMark = Self.isMark(UInt8(v), bytes, next: i, end: end, atStart: atStart,
                                             afterSpace: previousSpace || atStart, afterWord: afterWord,
                                             innerSlashes: &innerSlashes)
            }
            previousSpace = false
            if !LineFeatures.isCloser(v) { last = v }
        }
        endToken()
        ReferenceLineScanner.lookUp(tokens, tokenCount, table, &line, masks.baseAddress!, &maskCount)
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

    /// The ASCII letters and digits from `from` on, a byte at a time: where the run ends, and
    /// its letters.
    static func asciiRun(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int) -> (end: Int, letters: Int) {
        var letters = 0
        var i = from
        while i < end {
            let c = bytes[i]
            let lower = c | 0x20
            let isLetter = lower &- 0x61 < 26
            guard isLetter || c &- 0x30 < 10 else { break }
            letters &+= isLetter ? 1 : 0
            i &+= 1
        }
        return (i, letters)
    }

    /// The bytes `isMark` looks at: # $ ( - / < = > (below 64) and [ \ _ { } (64 to 127).
    static let markBytes: (low: UInt64, high: UInt64) = (
        1 << 0x23 | 1 << 0x24 | 1 << 0x28 | 1 << 0x2D | 1 << 0x2F | 1 << 0x3C | 1 << 0x3D | 1 << 0x3E,
        1 << (0x5B - 64) | 1 << (0x5C - 64) | 1 << (0x5F - 64) | 1 << (0x7B - 64) | 1 << (0x7D - 64)
    )

    /// Whether `c` may mark code: one bit test for the common punctuation that does not.
    @inline(__always)
    static func mayMark(_ c: UInt32) -> Bool {
        c < 64 ? markBytes.low >> c & 1 != 0 : c < 128 && markBytes.high >> (c - 64) & 1 != 0
    }

    /// Whether the ASCII punctuation `c`, followed by `bytes[next..<end]`, marks code or a command
    /// line (`atStart`: it opens the line; `afterSpace`: it opens a word; `afterWord`: it follows
    /// a letter or digit):
    /// - a prompt or comment at the line's start ("$ ls", "# apt update", ">>>");
    /// - a variable or substitution ("$HOME", "${var}", "$(cmd)", "$$"; "$5" is a price);
    /// - a call or an index right after a name ("items()", "type(x)", "int[]", "cookie[k]";
    ///   "Evernote(21)" is a count, "401(k)" a plan, "friend(s)" prose);
    /// - braces, a backslash, "=", "->", "<file>";
    /// - an identifier joined by "_" ("pam_env", "DEB_HOST_ARCH");
    /// - an option after a space ("-r", "--purge");
    /// - a path: "/etc/passwd" after a space or at the start, or two "/" after letters
    ///   ("dists/stable/main/"; "and/or" has one), counted in `innerSlashes`.
    @inline(__always)
    static func isMark(_ c: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, next: Int, end: Int, atStart: Bool,
                       afterSpace: Bool, afterWord: Bool, innerSlashes: inout Int) -> Bool {
        @inline(__always) func byte(_ k: Int) -> UInt8 { next + k < end ? bytes[next + k] : 0x20 }
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { b | 0x20 &- 0x61 < 26 }
        // "$ ls", "# apt update": a space and a command, not a price ("$ 19.99") or the line's end.
        @inline(__always) func isPrompt() -> Bool { next + 1 < end && bytes[next] == 0x20 && bytes[next + 1] &- 0x30 >= 10 }
        switch c {
        case 0x7B, 0x7D, 0x5C, 0x3D: // { } \ =
            return true
        case 0x24: // $
            let n = byte(0)
            return isLetter(n) || n == 0x7B || n == 0x28 || n == 0x24 || (atStart && isPrompt())
        case 0x3E: // >
            return atStart && byte(0) == 0x3E && byte(1) == 0x3E
        case 0x28, 0x5B: // ( [
            let n = byte(0), closing: UInt8 = c == 0x28 ? 0x29 : 0x5D
            guard afterWord && next >= 2 && isLetter(bytes[next - 2]) else { return false }
            // "friend(s)" is prose.
            return n == closing || n == 0x5B || n == 0x5F || (n &- 0x61 < 26 && !(n == 0x73 && byte(1) == 0x29))
        case 0x23: // #
            return atStart && isPrompt()
        case 0x5F: // _
            let n = byte(0)
            return afterWord && (isLetter(n) || n &- 0x30 < 10)
        case 0x2D: // -
            let n = byte(0)
            if n == 0x3E { return true }
            return afterSpace && (n &- 0x61 < 26 || (n == 0x2D && byte(1) &- 0x61 < 26))
        case 0x3C: // <
            let n = byte(0)
            return isLetter(n) || n == 0x2F
        case 0x2F: // /
            let n = byte(0)
            if afterSpace { return n &- 0x61 < 26 }
            if afterWord && (isLetter(n) || n == 0x20) {
                innerSlashes += 1
                return innerSlashes >= 2
            }
            return false
        default:
            return false
        }
    }
}
