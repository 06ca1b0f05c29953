import CorpusCleanCore
/// Code, commands and terminal output: stretches of lines that are not sentences, so the jusText
/// classes call them chrome, yet belong to a technical article that shows them between its
/// paragraphs.
///
/// A line is code when it has a mark that prose and page chrome seldom use (`isMark`, found by
/// `LineScanner`). A block is `minimumLines` or more such lines, with at most
/// `Tables.maximumGap` short lines that are no paragraph between two of them ("else",
/// "if a > b:", a column header), as many after the last ("fi", "}"), and up to
/// `Tables.maximumGap` + 1 short non-sentence lines right before the first as its header.
enum CodeBlocks {
    static let minimumLines = 2
    /// Longer lines are prose that mentions a command, judged by the sentence rules.
    static let maximumWords = 40

    /// The code blocks of a document as ranges of `order` (the indices of its non-blank lines).
    /// Paragraphs (`good` lines) and lines a rule removed are no code, but for slugs
    /// ("if_not_success_run_this_command"), which a block of `minimumLines` other code lines
    /// takes in.
    static func find(_ lines: [LineFeatures], _ order: [Int], _ reasons: [BoilerplateReason?],
                     _ quality: [BoilerplateStage.Quality]) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        var run = RowRun(lines, order, minimumRows: minimumLines)
        func isGap(_ k: Int) -> Bool {
            quality[order[k]] != .good && lines[order[k]].words <= Tables.headerWords
        }
        for (k, i) in order.enumerated() {
            let line = lines[i]
            let block = line.codeMark && quality[i] != .good && (reasons[i] == nil || reasons[i] == .slug) && line.words <= maximumWords
                ? run.add(k, maximumGap: Tables.maximumGap)
                : run.skip(gap: isGap(k))
            if let block { blocks.append(block) }
        }
        if let block = run.close() { blocks.append(block) }
        // Two URLs or image slugs in a row are no code: a block needs its own code lines. It
        // takes in the short lines that close it ("fi", "}").
        return blocks.compactMap { block in
            guard order[block].count(where: { reasons[$0] == nil && lines[$0].codeMark }) >= minimumLines else { return nil }
            var end = block.upperBound
            while end < order.count && end - block.upperBound < Tables.maximumGap && isGap(end) { end += 1 }
            return block.lowerBound..<end
        }
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
