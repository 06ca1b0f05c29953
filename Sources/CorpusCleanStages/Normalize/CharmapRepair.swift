import CorpusCleanCore
import CTextKit
/// Repairs UTF-8 read through one single-byte code page (see `Charmap`), as a whole text or
/// in runs inside clean text: every character is turned back into the byte that code page
/// writes it as, and the bytes are read as UTF-8. A repair is taken only when
/// * every character has a byte in that code page,
/// * the bytes are valid UTF-8 (surrogate halves encoded one by one, as CESU-8 and Java do,
///   are joined; Java's C0 80 is NUL),
/// * every character decoded is plausible (see `MojibakeRepair.isPlausible`), and
/// * the original looks broken (`MojibakeBadness` above 0) and the result no worse (the first
///   of two decodings of twice-encoded text can look as bad as its input).
/// Of the code pages that qualify, the one giving the lowest badness wins (the first on a tie),
/// except that where Windows-1250 wins, ISO-8859-2 is taken instead when its decoding
/// qualifies too, is no worse and has letters frequent in more languages: `RĂźckstellcode` is
/// `Rückstellcode`, not `Rßckstellcode`.
///
/// The whole text is tried first; if that fails, each run of two or more adjacent non-ASCII
/// characters that the code pages have ("РіРЅРµР·РґРѕ" in Bulgarian text, "à¦¸à§ƒ" in Bengali
/// text) is tried on its own.
enum CharmapRepair {
    /// The cheap test before `repairOnce`, true whenever `repairOnce` can change the text: a
    /// run of adjacent characters of `Charmap.all` that is whole UTF-8 sequences in some code
    /// page (each lead character followed by as many continuation characters as it needs:
    /// `SequenceShape`) and has a `MojibakeBadness` above 0 with the characters around it. The
    /// shape is told from a table (`Charmap.roles`) by `ctk_charmap_run`, which passes over
    /// runs whose first two characters are no lead and continuation in any code page 32 bytes
    /// at a time; the badness is taken only of the few runs that have the shape.
    static func isCandidate(_ src: UnsafeBufferPointer<UInt8>) -> Bool {
        Charmap.withRoleTable { isCandidate(src, roleTable: $0) }
    }

    private static func isCandidate(_ src: UnsafeBufferPointer<UInt8>, roleTable: UnsafeBufferPointer<UInt64>) -> Bool {
        guard let base = src.baseAddress, let roles = roleTable.baseAddress else { return false }
        let n = src.count
        var i = 0
        while i < n {
            // The run is one that `repairRuns` repairs only with this shape (and the whole text,
            // in the code page that has it, is made of such runs and ASCII).
            var end = 0
            let start = ctk_charmap_run(base, i, n, roles, &end)
            guard start < n else { return false }
            if isBadRun(src, start..<end) { return true }
            i = end
        }
        return false
    }

    /// Whether the characters of `run`, with the one before and the one after it, have a
    /// badness above 0.
    private static func isBadRun(_ src: UnsafeBufferPointer<UInt8>, _ run: Range<Int>) -> Bool {
        var counter = MojibakeBadness.Counter()
        if run.lowerBound > 0 { counter.add(scalar(endingAt: run.lowerBound, src).value) }
        var i = run.lowerBound
        while i < run.upperBound {
            let (s, length) = UTF8Decoding.scalar(src, at: i)
            counter.add(s.value)
            i += length
        }
        if i < src.count { counter.add(src[i] < 0x80 ? UInt32(src[i]) : UTF8Decoding.scalar(src, at: i).0.value) }
        return counter.score > 0
    }

    /// The repaired text, or nil when nothing is repaired.
    static func repairOnce(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { src -> String? in
            Charmap.withRoleTable { roleTable in
                if let scalars = charmapScalars(src, roleTable: roleTable), let whole = repaired(scalars[...]) {
                    return whole
                }
                // Whole characters of a well-formed source were replaced by whole characters.
                return repairRuns(src, roleTable: roleTable).map { UTF8Validation.string(wellFormed: $0) }
            }
        }
    }

    /// Each run of two or more characters of the code pages repaired on its own (see
    /// `repaired`), or nil when none is: the runs that `ctk_charmap_run` finds, as
    /// `isCandidate` does.
    private static func repairRuns(_ src: UnsafeBufferPointer<UInt8>, roleTable: UnsafeBufferPointer<UInt64>) -> [UInt8]? {
        var editor = ByteEditor(src)
        let n = src.count
        var run: [Unicode.Scalar] = []
        var i = 0
        while i < n, let base = src.baseAddress, let roles = roleTable.baseAddress {
            // What `repaired` asks, without making the run's characters: a code page in which
            // the run is whole UTF-8 sequences (else none decodes it), and a badness above 0.
            var end = 0
            let start = ctk_charmap_run(base, i, n, roles, &end)
            guard start < n else { break }
            i = end
            guard isBadRun(src, start..<i) else { continue }
            run.removeAll(keepingCapacity: true)
            var k = start
            while k < i {
                let (scalar, length) = UTF8Decoding.scalar(src, at: k)
                run.append(scalar)
                k += length
            }
            let before = start > 0 ? scalar(endingAt: start, src) : nil
            let after = i < n ? (src[i] < 0x80 ? Unicode.Scalar(src[i]) : UTF8Decoding.scalar(src, at: i).0) : nil
            if let fixed = repaired(run[...], context: (before, after)) {
                editor.drop(start..<i)
                for s in fixed.unicodeScalars { editor.append(s) }
            }
        }
        return editor.finish()
    }

    /// The characters of `src` if every non-ASCII one is one of `Charmap.all` and some code
    /// page reads them as whole UTF-8 sequences (else `repaired` decodes them in none), else nil.
    private static func charmapScalars(_ src: UnsafeBufferPointer<UInt8>, roleTable: UnsafeBufferPointer<UInt64>) -> [Unicode.Scalar]? {
        var shape = SequenceShape()
        var i = 0
        while i < src.count {
            if src[i] < 0x80 {
                shape.addASCII()
                i += 1
                continue
            }
            let length = UTF8Decoding.length(lead: src[i])
            guard i + length <= src.count, let index = Charmap.tableIndex(UTF8Decoding.value(src, at: i, length: length)),
                  roleTable[index] != 0 else { return nil }
            shape.add(roleTable[index])
            i += length
        }
        guard shape.complete != 0 else { return nil }
        return [Unicode.Scalar](unsafeUninitializedCapacity: src.count) { out, count in
            let base = out.baseAddress!
            var i = 0
            while i < src.count {
                if src[i] < 0x80 {
                    (base + count).initialize(to: Unicode.Scalar(src[i]))
                    count += 1
                    i += 1
                    continue
                }
                let (scalar, length) = UTF8Decoding.scalar(src, at: i)
                (base + count).initialize(to: scalar)
                count += 1
                i += length
            }
        }
    }

    /// The scalar whose UTF-8 ends right before byte `end`.
    private static func scalar(endingAt end: Int, _ src: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        var k = end - 1
        while k > 0, src[k] & 0xC0 == 0x80 { k -= 1 }
        return src[k] < 0x80 ? Unicode.Scalar(src[k]) : UTF8Decoding.scalar(src, at: k).0
    }

    /// `scalars` decoded through the code page that lowers their badness most, or nil; the
    /// badness is taken with the characters around them (`context`), if any. A decoding that
    /// looks worse than its input is still taken when decoding it once more gives a result
    /// better than the input: the first layer of twice-encoded text ("presentaciР“С–n" gives
    /// "presentaciГіn", which mixes scripts, then "presentación"). `lookahead` is false for
    /// that second decoding, so the search goes no deeper.
    private static func repaired(_ scalars: ArraySlice<Unicode.Scalar>, context: (Unicode.Scalar?, Unicode.Scalar?) = (nil, nil),
                                 lookahead: Bool = true) -> String? {
        func badness<S: Sequence<Unicode.Scalar>>(_ middle: S, stopAtFirst: Bool = false) -> Int {
            MojibakeBadness.score(middle, before: context.0, after: context.1, stopAtFirst: stopAtFirst)
        }
        guard badness(scalars, stopAtFirst: true) > 0 else { return nil }
        // The full count is needed only against a result that is not clean.
        var knownBefore: Int?
        func before() -> Int {
            if let knownBefore { return knownBefore }
            let count = badness(scalars)
            knownBefore = count
            return count
        }
        var best: (text: String, badness: Int, map: Int)?
        // The bytes of the characters in one code page, for each in turn.
        var bytes = [UInt8](repeating: 0, count: scalars.count)
        func decoded(_ map: Charmap) -> String? {
            let encodable = bytes.withUnsafeMutableBufferPointer { out in
                for (count, s) in scalars.enumerated() {
                    guard let b = map.byte(s.value) else { return false }
                    out[count] = b
                }
                return true
            }
            guard encodable, let decoded = decodeUTF8Variants(bytes),
                  !decoded.unicodeScalars.elementsEqual(scalars) else { return nil }
            return decoded
        }
        func acceptable(_ decoded: String, badness after: Int) -> Bool {
            after == 0 || after <= before() || (lookahead && betterAgain(decoded, than: before(), context: context))
        }
        for (index, map) in Charmap.all.enumerated() {
            guard let decoded = decoded(map) else { continue }
            let after = MojibakeBadness.score(utf8: decoded, before: context.0, after: context.1)
            guard after < (best?.badness ?? Int.max) else { continue }
            if acceptable(decoded, badness: after) {
                best = (decoded, after, index)
                if after == 0 { break }
            }
        }
        // The two code pages differ in a few letters only, so both often give clean text.
        if let found = best, found.map == windows1250, let other = decoded(Charmap.iso8859_2), other != found.text {
            let otherBadness = MojibakeBadness.score(utf8: other, before: context.0, after: context.1)
            if otherBadness <= found.badness, acceptable(other, badness: otherBadness),
               letterSpread(other) > letterSpread(found.text) {
                return other
            }
        }
        return best?.text
    }

    /// Where Windows-1250 is in `Charmap.all`.
    private static let windows1250 = Charmap.index(of: Charmap.windows1250)

    /// The number of languages (of `LostByteLetters`) each non-ASCII letter of `text` is
    /// frequent in, summed.
    private static func letterSpread(_ text: String) -> Int {
        let letters = LostByteLetters.compiled
        var spread = 0
        for s in text.unicodeScalars where s.value >= 0x80 && WordCharacterTable.shared.isAlphabetic(s) {
            spread += letters.mask(of: WordCharacterTable.shared.lowercase(of: s.value) ?? s.value).nonzeroBitCount
        }
        return spread
    }

    /// Whether `decoded` decodes once more (see `repaired`) to a text with a badness below `limit`.
    private static func betterAgain(_ decoded: String, than limit: Int, context: (Unicode.Scalar?, Unicode.Scalar?)) -> Bool {
        guard let again = repaired(Array(decoded.unicodeScalars)[...], context: context, lookahead: false) else { return false }
        return MojibakeBadness.score(utf8: again, before: context.0, after: context.1) < limit
    }

    /// `bytes` read as UTF-8, where a surrogate pair may be written as two three-byte
    /// sequences and NUL as C0 80; nil if they are not valid so, or decode to an implausible
    /// character.
    static func decodeUTF8Variants(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { bytes in CharacterClassTable.withTable { decodeUTF8Variants(bytes, bmp: $0) } }
    }

    private static func decodeUTF8Variants(_ bytes: UnsafeBufferPointer<UInt8>, bmp: UnsafeBufferPointer<UInt8>) -> String? {
        var valid = true
        // No character gets longer: C0 80 and surrogate pairs get shorter, the rest is copied.
        let out = [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
            var previousLetter = false
            let n = bytes.count
            var i = 0
            func continuation(_ k: Int) -> UInt32? {
                k < n && bytes[k] & 0xC0 == 0x80 ? UInt32(bytes[k] & 0x3F) : nil
            }
            func fail() {
                valid = false
            }
            while i < n {
                let b = bytes[i]
                let start = i
                var v: UInt32
                var rewritten = false
                if b < 0x80 {
                    var end = i + 1
                    while end < n, bytes[end] < 0x80 { end += 1 }
                    UnsafeMutableRawPointer(out.baseAddress! + count).copyMemory(from: bytes.baseAddress! + i, byteCount: end - i)
                    count += end - i
                    let last = bytes[end - 1] | 0x20
                    previousLetter = last >= 0x61 && last <= 0x7A
                    i = end
                    continue
                } else if b == 0xC0, i + 1 < n, bytes[i + 1] == 0x80 {
                    v = 0
                    rewritten = true
                    i += 2
                } else if b >= 0xC2 && b <= 0xDF, let c1 = continuation(i + 1) {
                    v = UInt32(b & 0x1F) << 6 | c1
                    i += 2
                } else if b >= 0xE0 && b <= 0xEF, let c1 = continuation(i + 1), let c2 = continuation(i + 2) {
                    v = UInt32(b & 0x0F) << 12 | c1 << 6 | c2
                    guard v >= 0x800 else { return fail() }
                    i += 3
                    if v >= 0xD800 && v <= 0xDBFF {
                        guard i + 2 < n, bytes[i] == 0xED, let d1 = continuation(i + 1), let d2 = continuation(i + 2) else { return fail() }
                        let low = 0xD000 | d1 << 6 | d2
                        guard low >= 0xDC00 && low <= 0xDFFF else { return fail() }
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                        rewritten = true
                        i += 3
                    } else if v >= 0xDC00 && v <= 0xDFFF {
                        return fail()
                    }
                } else if b >= 0xF0 && b <= 0xF4, let c1 = continuation(i + 1), let c2 = continuation(i + 2), let c3 = continuation(i + 3) {
                    v = UInt32(b & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
                    guard v >= 0x10000 && v <= 0x10FFFF else { return fail() }
                    i += 4
                } else {
                    return fail()
                }
                guard let scalar = Unicode.Scalar(v) else { return fail() }
                let (category, alphabetic) = CharacterClassTable.properties(v, bmp: bmp)
                if v >= 0xA0 && !MojibakeRepair.isPlausible(v, category: category, afterLetter: previousLetter) { return fail() }
                // Marks may follow marks that follow a letter (Indic vowel signs after a nukta).
                previousLetter = alphabetic || (previousLetter && category >= 6 && category <= 8)
                if rewritten {
                    for unit in UTF8.encode(scalar)! {
                        out[count] = unit
                        count += 1
                    }
                } else {
                    for k in start..<i { out[count + k - start] = bytes[k] }
                    count += i - start
                }
            }
        }
        // Whole, checked sequences (surrogate pairs and C0 80 written out again).
        return valid ? UTF8Validation.string(wellFormed: out) : nil
    }
}
