import CorpusCleanCore
#if canImport(Glibc)
import Glibc
#endif

/// Posts of a social network embedded in an article (a tweet as a page shows it: its text,
/// then "— Jane Doe (@janedoe) November 2, 2012", the dash sometimes on a line of its own):
/// lines of chrome by their shape, yet the article runs on after them, so they weigh nothing
/// against the main text and stay inside it, as tables do.
///
/// An embedded post ends at an attribution, a handle in brackets ("(@janedoe)") after a dash
/// (at the start of its line, at the end of the line above, or alone on the line above), and
/// holds the line above the dash. On a page with such an attribution, a dash alone on its line
/// ends a post too (the same embed whose name line the page lost).
enum EmbeddedPosts {
    /// The longest handle ("@" and 15 letters, digits or "_").
    static let handleLength = 15

    /// The embedded posts of a document as ranges of `nonBlank`, neighbouring posts in one range.
    static func find(_ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>, _ nonBlank: [Int]) -> [Range<Int>] {
        // Most pages hold no "(@" at all: one search of the text answers for them.
        guard holdsHandleStart(bytes) else { return [] }
        func text(_ k: Int) -> UnsafeBufferPointer<UInt8> {
            let line = lines[nonBlank[k]]
            return UnsafeBufferPointer(rebasing: bytes[line.start..<line.end])
        }
        // Whether the dash before line k's attribution is there: its own start, or the line above.
        func dashed(_ k: Int) -> Bool {
            startsWithDash(text(k)) || k > 0 && endsWithDash(text(k - 1))
        }
        var blocks: [Range<Int>] = []
        var attributed = false
        func add(_ range: Range<Int>) {
            if let last = blocks.last, last.upperBound >= range.lowerBound {
                blocks[blocks.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                blocks.append(range)
            }
        }
        for k in nonBlank.indices {
            let t = text(k)
            if isDash(t) {
                // The post's text above the dash, and the name under it when the page has it.
                let attributed = k + 1 < nonBlank.count && hasHandle(text(k + 1))
                add(max(0, k - 1)..<(attributed ? k + 2 : k + 1))
            } else if hasHandle(t) && dashed(k) {
                attributed = true
                add(max(0, k - 1)..<(k + 1))
            }
        }
        return attributed ? blocks : []
    }

    /// Whether the text holds "(@" anywhere: `memchr` from one "@" to the next.
    private static func holdsHandleStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 1 else { return false }
        var from = 1
        while from < bytes.count, let found = memchr(base + from, 0x40, bytes.count - from) {
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if base[at - 1] == 0x28 { return true }
            from = at + 1
        }
        return false
    }

    /// "—" (U+2014) and nothing else.
    static func isDash(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        t.count == 3 && startsWithDash(t)
    }

    static func startsWithDash(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        t.count >= 3 && t[0] == 0xE2 && t[1] == 0x80 && t[2] == 0x94
    }

    static func endsWithDash(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        t.count >= 3 && t[t.count - 3] == 0xE2 && t[t.count - 2] == 0x80 && t[t.count - 1] == 0x94
    }

    /// A handle in brackets: "(@", 1 to `handleLength` ASCII letters, digits or "_", ")".
    static func hasHandle(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        while k + 3 < t.count {
            if t[k] == 0x28 && t[k + 1] == 0x40 {
                var e = k + 2
                while e < t.count && e - k - 2 <= handleLength, isHandleByte(t[e]) { e += 1 }
                if e > k + 2 && e - k - 2 <= handleLength && e < t.count && t[e] == 0x29 { return true }
            }
            k += 1
        }
        return false
    }

    private static func isHandleByte(_ c: UInt8) -> Bool {
        switch c {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: return true
        default: return false
        }
    }
}
