import CorpusCleanCore
import CTextKit
#if canImport(Glibc)
import Glibc
#endif

/// Repairs mojibake: UTF-8 text that was decoded as a single-byte code page. A text that is
/// mojibake as a whole, in any code page of `Charmap.all`, is repaired by `CharmapRepair`
/// ("g√¢teaux", "РґРѕСЂРѕРіРµ"); what follows here repairs UTF-8 decoded as Windows-1252 or
/// Latin-1 in pieces, inside otherwise clean text ("cafÃ©", "donâ€™t", "ÐŸÑ€Ð¸Ð²ÐµÑ‚").
///
/// Every non-ASCII character that Windows-1252 (or Latin-1, for C1 controls) writes as one
/// byte is turned back into that byte; where those bytes form a valid UTF-8 sequence, the
/// sequence is a candidate. The badness measure decides which candidates are repaired:
///
/// * The original must be implausible as text. A UTF-8 lead byte reads as an accented
///   letter (Â...ô) and a continuation byte as a C1 control, a symbol or a letter of
///   0x80...0xBF. Real text never has an accented letter followed by a C1 control, or by
///   one of the *strong* symbols (€ ‚ ƒ „ † ‡ ˆ ‰ Š ‹ Œ Ž • ˜ ™ š › œ ž Ÿ ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª ¬
///   ® ¯ ° ± ² ³ ´ µ ¶ · ¸ ¹ º ¼ ½ ¾ ¿ and the soft hyphen): such a candidate counts as bad.
///   The *soft* continuations (NBSP « » … ‘ ’ “ ” – —) do follow letters in real text
///   ("voilà »", "café’s"), so a candidate made only of them counts as bad only when its
///   lead is a capital that decodes to a Latin letter or Latin-1 sign ("Ã”" for Ô, "Â " for
///   NBSP), or when it touches a bad candidate (the rest of a mis-decoded word).
/// * The repair must be plausible: the decoded character is not a control, unassigned,
///   private use or a noncharacter, not in the rarely written blocks U+0700...U+08FF
///   (Syriac, Thaana, NKo, Samaritan, Mandaic: where a Latin-1 pair such as "ß‘" decodes to
///   them it is a coincidence), and a combining mark only after a letter.
///
/// Two partial forms whose lost byte cannot be restored are repaired by rule: "â€" before a
/// character that is not a continuation (the 0x9D of ” is undefined in Windows-1252 and
/// gets dropped), and "Â"/"Ã" before an ASCII space (NBSP, and the 0xA0 of à, turned into
/// a space), the latter only after a lower-case letter or between spaces, where a capital
/// Â or Ã ending a word cannot be.
///
/// Repair runs again on its own output while it finds something (double encoding). In a text
/// it repaired something in, `LostByteRepair` then restores other sequences whose undefined
/// byte was lost.
enum MojibakeRepair {
    /// Whether `text` has an accented letter U+00C2...U+00F4 followed by a character that
    /// Windows-1252 writes in 0x80...0xBF, or "Â"/"Ã" followed by a space: the cheap test
    /// before `repair` (every candidate and space form that `repair` looks for starts so).
    static func isSuspect(_ text: String) -> Bool {
        anyAccentedLetter(text, followedBy: 1) { src, i in
            let second = src[i + 1]
            guard second >= 0x82 && second <= 0xB4 else { return false }
            switch src[i + 2] {
            case 0xC2, 0xC5, 0xC6, 0xCB, 0xE2: return true
            case 0x20 where second == 0x82 || second == 0x83: return true
            default: return false
            }
        }
    }

    /// Whether `test` holds for a letter U+00C0...U+00FF of `text` (UTF-8 C3 xx, at byte `i` of
    /// `src`) with at least `following` bytes after it.
    @inline(__always)
    static func anyAccentedLetter(_ text: String, followedBy following: Int,
                                  _ test: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { src in
            guard let base = src.baseAddress else { return false }
            let n = src.count
            var i = 0
            while i + 1 + following < n, let hit = memchr(base + i, 0xC3, n - 1 - following - i) {
                i = UnsafeRawPointer(base).distance(to: hit)
                if test(src, i) { return true }
                i += 1
            }
            return false
        }
    }

    /// The cheap test before `repair`: a candidate for `CharmapRepair` (the whole text in one
    /// code page) or for the piecewise repair (`isSuspect`).
    static func mayNeedRepair(_ text: String) -> Bool {
        isCharmapCandidate(text) || isSuspect(text)
    }

    /// `CharmapRepair.isCandidate` of the UTF-8 of `text`.
    static func isCharmapCandidate(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { CharmapRepair.isCandidate($0) }
    }

    /// The repaired text, the number of repairs (each whole-text repair by `CharmapRepair`
    /// counts one, each sequence repaired piecewise one, each sequence whose lost byte is left
    /// as U+FFFD one) and of lost bytes restored (guesses, counted apart). Both run again on
    /// their own output while they find something (double encoding). The first round asks what
    /// `mayNeedRepair` asks, each test once, so a text that needs nothing costs no more.
    static func repair(_ text: String) -> (text: String, fixes: Int, lostBytes: Int) {
        var current = text
        var total = 0
        for _ in 0..<4 {
            if isCharmapCandidate(current), let whole = CharmapRepair.repairOnce(current) {
                total += 1
                current = whole
                continue
            }
            guard isSuspect(current) else { break }
            let (next, fixes) = repairOnce(current)
            guard fixes > 0 else { break }
            total += fixes
            current = next
        }
        guard total > 0 else { return (current, total, 0) }
        let (restored, lost, lossy) = LostByteRepair.restore(current)
        return (restored, total + lossy, lost)
    }

    /// One non-ASCII character of the source and the byte Windows-1252 writes it as.
    private struct Piece {
        let byte: UInt8
        let start: Int
        let end: Int
        let scalar: UInt32
    }

    /// A UTF-8 sequence found in the bytes of a run of pieces.
    private struct Candidate {
        let first: Int
        let count: Int
        let decoded: Unicode.Scalar
        var bad: Bool
        let soft: Bool
        var accepted = false
    }

    static func repairOnce(_ text: String) -> (String, Int) {
        var text = text
        var fixes = 0
        let bytes: [UInt8]? = text.withUTF8 { src in
            var editor = ByteEditor(src)
            var run: [Piece] = []
            var candidates: [Candidate] = []
            let n = src.count
            var i = 0
            while i < n {
                let b = src[i]
                if b < 0x80 {
                    i += UTF8Decoding.asciiStep(src, at: i)
                    continue
                }
                // Only these lead bytes start a character that Windows-1252 writes as one byte.
                guard b == 0xC2 || b == 0xC3 || b == 0xC5 || b == 0xC6 || b == 0xCB || b == 0xE2 else {
                    i += UTF8Decoding.length(lead: b)
                    continue
                }
                run.removeAll(keepingCapacity: true)
                var j = i
                while j < n, src[j] >= 0x80 {
                    let length = UTF8Decoding.length(lead: src[j])
                    guard j + length <= n else { break }
                    let v = UTF8Decoding.value(src, at: j, length: length)
                    guard let byte = windows1252Byte(v) else { break }
                    run.append(Piece(byte: byte, start: j, end: j + length, scalar: v))
                    j += length
                }
                if run.isEmpty {
                    i += UTF8Decoding.length(lead: src[i])
                    continue
                }
                findCandidates(run, &candidates, src: src)
                decide(&candidates, run: run, src: src)
                var lastEnd = -1
                for c in candidates where c.accepted {
                    editor.replace(run[c.first].start..<run[c.first + c.count - 1].end, with: c.decoded)
                    lastEnd = c.first + c.count
                    fixes += 1
                }
                if lastEnd < run.count, let fixed = spaceForm(run, src: src) {
                    let last = run[run.count - 1]
                    editor.replace(last.start..<(last.end + 1), with: fixed)
                    fixes += 1
                }
                i = j
            }
            return editor.finish()
        }
        guard let bytes else { return (text, 0) }
        // Whole characters of a well-formed source were replaced by whole characters.
        return (UTF8Validation.string(wellFormed: bytes), fixes)
    }

    private static func findCandidates(_ run: [Piece], _ candidates: inout [Candidate], src: UnsafeBufferPointer<UInt8>) {
        candidates.removeAll(keepingCapacity: true)
        var k = 0
        while k < run.count {
            let lead = run[k].byte
            let need = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
            var valid = need > 0 && k + need <= run.count
            if valid {
                for m in 1..<need where !isContinuation(run[k + m].byte) { valid = false }
            }
            if valid, let v = sequenceValue(lead: lead, count: need, continuation: { run[k + $0].byte }) {
                var strong = false
                for m in 1..<need where isStrong(run[k + m]) { strong = true }
                let decoded = Unicode.Scalar(v) ?? "\u{FFFD}"
                let previous = candidates.last.flatMap { $0.first + $0.count == k ? $0.decoded.value : nil }
                let afterLetter = {
                    if let previous { return isLetter(previous) || (6...8).contains(CharacterClassTable.category(previous)) }
                    return k > 0 ? isLetter(run[k - 1].scalar) : run[k].start > 0 && isLetter(UInt32(src[run[k].start - 1]))
                }
                if isPlausible(decoded, afterLetter: afterLetter) {
                    let capitalLatin = need == 2 && lead <= 0xDE && lead != 0xD7 && v >= 0xA0 && v <= 0x24F
                    candidates.append(Candidate(first: k, count: need, decoded: decoded, bad: strong || capitalLatin, soft: !strong))
                }
                k += need
                continue
            }
            // "â€" whose third byte was dropped: the 0x9D of a right double quote.
            if lead == 0xE2, k + 1 < run.count, run[k + 1].byte == 0x80,
               k + 2 == run.count || !isContinuation(run[k + 2].byte) {
                candidates.append(Candidate(first: k, count: 2, decoded: "\u{201D}", bad: true, soft: false))
                k += 2
                continue
            }
            k += 1
        }
    }

    /// Accepts bad candidates, then soft ones that touch an accepted one (both directions).
    private static func decide(_ candidates: inout [Candidate], run: [Piece], src: UnsafeBufferPointer<UInt8>) {
        for m in candidates.indices where candidates[m].bad { candidates[m].accepted = true }
        guard candidates.count > 1 else { return }
        for m in 1..<candidates.count where !candidates[m].accepted && candidates[m - 1].accepted
            && candidates[m - 1].first + candidates[m - 1].count == candidates[m].first {
            candidates[m].accepted = true
        }
        for m in stride(from: candidates.count - 2, through: 0, by: -1) where !candidates[m].accepted && candidates[m + 1].accepted
            && candidates[m].first + candidates[m].count == candidates[m + 1].first {
            candidates[m].accepted = true
        }
    }

    /// "Â " (NBSP) and "Ã " (à) whose 0xA0 became an ASCII space, at the end of a run.
    private static func spaceForm(_ run: [Piece], src: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        let last = run[run.count - 1]
        guard last.scalar == 0xC2 || last.scalar == 0xC3, last.end < src.count, src[last.end] == 0x20 else { return nil }
        let before: UInt32? = run.count > 1 ? run[run.count - 2].scalar : last.start > 0 ? UInt32(src[last.start - 1]) : nil
        let lowerBefore = before.map { Unicode.Scalar($0)?.properties.isLowercase ?? false } ?? false
        let spaceBefore = before == nil || before == 0x20 || before == 0x0A
        if last.scalar == 0xC2 {
            let upperBefore = before.map { Unicode.Scalar($0)?.properties.isUppercase ?? false } ?? false
            return upperBefore ? nil : "\u{00A0}"
        }
        return lowerBefore || spaceBefore ? "\u{00E0}" : nil
    }

    /// The byte Windows-1252 writes `v` as, for characters it writes at 0x80 and above; C1
    /// controls (Latin-1, or the bytes Windows-1252 leaves undefined) stand for their byte.
    static func windows1252Byte(_ v: UInt32) -> UInt8? {
        if v >= 0x80 && v <= 0xFF { return UInt8(v) }
        switch v {
        case 0x20AC: return 0x80
        case 0x201A: return 0x82
        case 0x0192: return 0x83
        case 0x201E: return 0x84
        case 0x2026: return 0x85
        case 0x2020: return 0x86
        case 0x2021: return 0x87
        case 0x02C6: return 0x88
        case 0x2030: return 0x89
        case 0x0160: return 0x8A
        case 0x2039: return 0x8B
        case 0x0152: return 0x8C
        case 0x017D: return 0x8E
        case 0x2018: return 0x91
        case 0x2019: return 0x92
        case 0x201C: return 0x93
        case 0x201D: return 0x94
        case 0x2022: return 0x95
        case 0x2013: return 0x96
        case 0x2014: return 0x97
        case 0x02DC: return 0x98
        case 0x2122: return 0x99
        case 0x0161: return 0x9A
        case 0x203A: return 0x9B
        case 0x0153: return 0x9C
        case 0x017E: return 0x9E
        case 0x0178: return 0x9F
        default: return nil
        }
    }

    @inline(__always)
    private static func isContinuation(_ b: UInt8) -> Bool { b >= 0x80 && b <= 0xBF }

    /// The value of the UTF-8 sequence of `lead` and `count - 1` continuation bytes
    /// (`continuation(1)`, ...), or nil where its second byte makes it overlong, a surrogate or
    /// past U+10FFFF.
    @inline(__always)
    static func sequenceValue(lead: UInt8, count: Int, continuation: (Int) -> UInt8) -> UInt32? {
        let second = continuation(1)
        if (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second >= 0xA0)
            || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second >= 0x90) { return nil }
        var v = UInt32(lead) & (count == 2 ? 0x1F : count == 3 ? 0x0F : 0x07)
        for m in 1..<count { v = v << 6 | UInt32(continuation(m) & 0x3F) }
        return v
    }

    /// A continuation that never follows an accented letter in real text (see the type's
    /// documentation); C1 controls are always strong.
    private static func isStrong(_ piece: Piece) -> Bool {
        isStrongContinuation(piece.scalar, byte: piece.byte)
    }

    /// `isStrong` of the character `scalar`, which Windows-1252 writes as `byte`.
    static func isStrongContinuation(_ scalar: UInt32, byte: UInt8) -> Bool {
        if scalar >= 0x80 && scalar <= 0x9F { return true }
        switch byte {
        case 0xA0, 0xAB, 0xBB, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97: return false
        default: return true
        }
    }

    private static func isLetter(_ v: UInt32) -> Bool {
        CharacterClassTable.isAlphabetic(v)
    }

    static func isPlausible(_ s: Unicode.Scalar, afterLetter: () -> Bool) -> Bool {
        let v = s.value
        let category = CharacterClassTable.category(v)
        return isPlausible(v, category: category, afterLetter: category >= 6 && category <= 8 && afterLetter())
    }

    /// `isPlausible` of `v` whose general category is `category`.
    @inline(__always)
    static func isPlausible(_ v: UInt32, category: Int32, afterLetter: Bool) -> Bool {
        if v < 0xA0 || (v >= 0x700 && v <= 0x8FF) || (v >= 0xFDD0 && v <= 0xFDEF) || v & 0xFFFE == 0xFFFE { return false }
        // ICU's general category (see ctk_char_category): unassigned, control, private use and
        // surrogate are implausible, marks only after a letter.
        switch category {
        case 0, 15, 17, 18: return false
        case 6, 7, 8: return afterLetter
        default: return true
        }
    }
}
