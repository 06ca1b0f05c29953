import CorpusCleanCore
#if canImport(Glibc)
import Glibc
#endif

/// Kept lines that restate text the document already kept in other lines: a page's description
/// or structured data repeating the whole article in one line. Found with 4-word shingles, so
/// a line that joins earlier paragraphs (headings run into them) is caught. A paragraph that
/// repeats one earlier line (a recurring interview question, a pull quote) is not: that is left
/// to the short-line rule of `repeated_in_document`.
///
/// Such copies begin with an earlier kept line (the lede, the first paragraph), so shingles are
/// only hashed in documents where a long kept line starts with the whole of a shorter one;
/// elsewhere the check compares the first 16 bytes of the kept lines.
enum Restatements {
    /// A line needs this many words to count as a restatement.
    static let minimumWords = 30
    /// Share of a line's shingles that earlier kept lines must hold.
    static let seenShare = 0.8

    /// The kept lines (`reasons[i] == nil`) of `minimumWords` or more at least `seenShare` of
    /// whose shingles occur in earlier kept lines, a fifth of those or more outside the first
    /// line they match.
    static func find(_ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>, _ reasons: [BoilerplateReason?]) -> [Int] {
        let candidates = Restatements.candidates(lines, bytes, reasons)
        guard let last = candidates.last else { return [] }
        var words = 0
        for i in 0...last where reasons[i] == nil { words += lines[i].words }
        var size = 64
        while size < words * 2 { size <<= 1 }
        // Shingle hash -> 1 + index of the first line that had it; 0 is an empty slot.
        var keys = [UInt64](repeating: 0, count: size)
        var owners = [Int32](repeating: 0, count: size)
        var shingles: [UInt64] = []
        var found: [Int] = []
        func slot(_ s: UInt64) -> Int {
            var i = Int(truncatingIfNeeded: s >> 7) & (size - 1)
            while keys[i] != 0 && keys[i] != s { i = (i + 1) & (size - 1) }
            return i
        }
        // `words` counts two ideographs as one word, so the table is kept half empty by count.
        var stored = 0
        func insert(_ n: Int) {
            for s in shingles where stored * 2 < size {
                let i = slot(s)
                if keys[i] == 0 { keys[i] = s; owners[i] = Int32(n + 1); stored += 1 }
            }
        }
        var next = 0
        for n in 0...last where reasons[n] == nil && !lines[n].isBlank {
            let line = lines[n]
            shingles.removeAll(keepingCapacity: true)
            hashShingles(bytes, line.start, line.end, limit: Int.max, into: &shingles)
            while candidates[next] < n { next += 1 }
            if candidates[next] != n {
                insert(n)
                continue
            }
            var seen = 0, others = 0
            var firstOwner: Int32 = 0
            for s in shingles {
                let i = slot(s)
                guard keys[i] == s else { continue }
                seen += 1
                if firstOwner == 0 { firstOwner = owners[i] } else if owners[i] != firstOwner { others += 1 }
            }
            if !shingles.isEmpty, others * 5 >= seen,
               Double(seen) >= seenShare * Double(shingles.count) {
                found.append(n)
            } else {
                insert(n)
            }
        }
        return found
    }

    /// The kept lines of `minimumWords` or more that start with the whole of a shorter earlier
    /// kept line (found by their first 16 bytes), in order.
    private static func candidates(_ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>,
                                   _ reasons: [BoilerplateReason?]) -> [Int] {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return [] }
        // The first 16 bytes of each kept line so far, in a temporary buffer (nothing allocated
        // per document but `found`, which most documents leave empty).
        return withUnsafeTemporaryAllocation(of: (a: UInt64, b: UInt64, line: Int).self, capacity: lines.count) { starts in
            var count = 0
            var found: [Int] = []
            for (n, line) in lines.enumerated() where reasons[n] == nil && line.end - line.start >= 16 {
                let a = base.loadUnaligned(fromByteOffset: line.start, as: UInt64.self)
                let b = base.loadUnaligned(fromByteOffset: line.start + 8, as: UInt64.self)
                if line.words >= minimumWords {
                    for s in starts[0..<count] where s.a == a && s.b == b {
                        let length = lines[s.line].end - lines[s.line].start
                        if length < line.end - line.start && memcmp(base + lines[s.line].start, base + line.start, length) == 0 {
                            found.append(n)
                            break
                        }
                    }
                }
                starts.initializeElement(at: count, to: (a, b, n))
                count += 1
            }
            return found
        }
    }

    /// Appends the hashes of the first `limit` 4-word shingles of `bytes[start..<end]` (never
    /// 0). Words are runs of ASCII letters and digits (lowercased) and non-ASCII bytes; a CJK or
    /// Hangul character is a word of its own.
    private static func hashShingles(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                     limit: Int, into shingles: inout [UInt64]) {
        let basis: UInt64 = 0xCBF2_9CE4_8422_2325
        var window: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var inWindow = 0
        var word = basis
        var inWord = false
        var added = 0
        func endWord() {
            guard inWord else { return }
            word = (word ^ word >> 29) &* 0xBF58_476D_1CE4_E5B9
            if inWindow >= 3 {
                let s = (window.0 &* 0x9E37_79B9_7F4A_7C15) ^ (window.1 &* 0xC2B2_AE3D_27D4_EB4F)
                    ^ (window.2 &* 0x1656_67B1_9E37_79F9) ^ word
                shingles.append(s | 1)
                added += 1
            }
            window = (window.1, window.2, word)
            inWindow += 1
            word = basis
            inWord = false
        }
        var i = start
        while i < end && added < limit {
            let b = bytes[i]
            switch b {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39:
                word = (word << 7 | word >> 57) ^ UInt64(b >= 0x41 ? b | 0x20 : b)
                inWord = true
            case 0xE3...0xED:
                endWord()
                let last = min(end, i + 3)
                while i < last { word = (word << 7 | word >> 57) ^ UInt64(bytes[i]); i += 1 }
                inWord = true
                endWord()
                continue
            case 0x80...:
                word = (word << 7 | word >> 57) ^ UInt64(b)
                inWord = true
            default:
                endWord()
            }
            i += 1
        }
        if added < limit { endWord() }
    }
}
