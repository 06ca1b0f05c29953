import CorpusCleanCore
import CTextKit

/// Turns text into hashed n-gram shingles.
///
/// Tokens are maximal runs of letters and digits (and nonspacing marks), lowercased
/// (Unicode-aware: each scalar's full lowercase mapping). In scripts written without spaces
/// (Han, kana, Thai, Lao, Khmer, Myanmar) every letter, with the marks after it, is a token
/// of its own, so that their shingles are character n-grams: no dictionary word break, and
/// near-copies score as the character n-gram Jaccard says. A text whose letters are mostly of
/// those scripts is cut into characters throughout, its digits and Latin words too. A text with fewer than `n`
/// tokens gives one shingle of all its tokens; a text without tokens gives none.
///
/// Works on the UTF-8 bytes: ASCII by byte tests, the rest through `WordCharacterTable`. A
/// token's hash is FNV-1a over its lowercased scalars, finished by `mix`.
public struct Shingler: Sendable {
    public let n: Int

    public init(n: Int) { self.n = n }

    /// 64-bit hashes of the tokens of `text`, in order.
    public func tokenHashes(_ text: String) -> [UInt64] {
        var text = text
        return text.withUTF8 { Shingler.tokenHashes(utf8: $0) }
    }

    /// The hash of a token of the given scalars (lowercased already), as `tokenHashes` makes it.
    static func tokenHash(_ scalars: [UInt32]) -> UInt64 {
        mix(scalars.reduce(FNV1a.basis, FNV1a.step))
    }

    /// Token hashes of UTF-8 text: by words, or by characters throughout when most of its
    /// letters are of scripts written without spaces (then digits and Latin words inside a
    /// Japanese text count by characters too, as a character n-gram measure counts them).
    static func tokenHashes(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(bytes.count / 3)
        // The counts do not depend on the mode: a text tokenized in the mode its start suggests
        // is tokenized again only when the whole of it says otherwise.
        let guess = looksUnspaced(bytes)
        let (unspaced, spaced) = tokenize(bytes, byCharacter: guess, into: &hashes)
        if (unspaced > spaced) != guess {
            hashes.removeAll(keepingCapacity: true)
            _ = tokenize(bytes, byCharacter: !guess, into: &hashes)
        }
        return hashes
    }

    /// Whether the first 512 bytes have more characters of Han, kana or Thai (by their UTF-8
    /// lead bytes) than ASCII letters and digits: a guess at `tokenHashes`' mode.
    private static func looksUnspaced(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var unspaced = 0, ascii = 0
        let end = min(bytes.count, 512)
        var i = 0
        while i < end {
            let b = bytes[i]
            if (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 {
                ascii += 1
            } else if b &- 0xE3 < 7 || (b == 0xE0 && i + 1 < end && bytes[i + 1] &- 0xB8 < 2) {
                unspaced += 1
            }
            i += 1
        }
        return unspaced > ascii
    }

    /// Appends the token hashes of `bytes` to `hashes`; returns the letters and digits seen in
    /// scripts without spaces and in the others. `byCharacter` makes every letter or digit
    /// (with the marks after it) a token; otherwise only those of scripts without spaces are.
    private static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, byCharacter: Bool,
                                 into hashes: inout [UInt64]) -> (unspaced: Int, spaced: Int) {
        let table = WordCharacterTable.shared
        var h = FNV1a.basis
        var inToken = false
        var single = false
        var unspacedCount = 0, spacedCount = 0

        @inline(__always) func end() {
            if inToken { hashes.append(mix(h)); inToken = false }
        }
        // Continues an open word, or starts a token: a one-character one when `character`.
        @inline(__always) func open(character: Bool) {
            if inToken && !single && !character { return }
            end()
            h = FNV1a.basis
            inToken = true
            single = character
        }
        @inline(__always) func feed(_ v: UInt32) { h = FNV1a.step(h, v) }

        let count = bytes.count
        var i = 0
        while i < count {
            let b = bytes[i]
            if b < 0x80 {
                // `| 0x20` lowercases a letter and leaves a digit as it is.
                guard (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 else {
                    end()
                    i += 1
                    continue
                }
                open(character: byCharacter)
                if byCharacter {
                    feed(UInt32(b | 0x20))
                    spacedCount += 1
                    i += 1
                    continue
                }
                // The rest of the ASCII word in one tight loop.
                var j = i
                while j < count {
                    let c = bytes[j]
                    guard (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 else { break }
                    h = FNV1a.step(h, UInt32(c | 0x20))
                    j += 1
                }
                spacedCount += j - i
                i = j
                continue
            }
            let length = UTF8Decoding.length(lead: b)
            guard i + length <= count else { break }
            let v = UTF8Decoding.value(bytes, at: i, length: length)
            switch table.role(v) {
            case .separator: end()
            case .word:
                open(character: byCharacter)
                feed(v)
                spacedCount += 1
            case .upper:
                open(character: byCharacter)
                table.lowercased(v, feed)
                spacedCount += 1
            case .unspaced:
                open(character: true)
                feed(v)
                unspacedCount += 1
            case .mark:
                if !inToken { open(character: byCharacter) }
                feed(v)
            }
            i += length
        }
        end()
        return (unspacedCount, spacedCount)
    }

    /// Hashes of the word n-grams of `text`, duplicates removed, sorted.
    public func shingles(_ text: String) -> [UInt64] {
        shingles(tokens: tokenHashes(text))
    }

    /// Hashes of the n-grams of a token hash sequence, duplicates removed, sorted.
    public func shingles(tokens: [UInt64]) -> [UInt64] {
        guard !tokens.isEmpty else { return [] }
        let width = min(n, tokens.count)
        var result: [UInt64] = []
        result.reserveCapacity(tokens.count - width + 1)
        // Each token rotated by its position in the shingle, XORed, then mixed once.
        let seed: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(width)
        tokens.withUnsafeBufferPointer { t in
            for start in 0...(tokens.count - width) {
                var h = seed
                for k in 0..<width {
                    let x = t[start + k], r = UInt64((k * 13) & 63)
                    h ^= (x << r) | (x >> ((64 - r) & 63))
                }
                result.append(Shingler.mix(h))
            }
        }
        result.sortUniqueHashes()
        return result
    }

    /// XXH64 of the text with every whitespace run turned into one space and the ends trimmed:
    /// the key of exact duplicates.
    public static func collapsedHash(_ text: String) -> UInt64 {
        var text = text
        let table = WordCharacterTable.shared
        let leads = whitespaceLeads
        return text.withUTF8 { bytes -> UInt64 in
            let out = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
            defer { out.deallocate() }
            var n = 0
            var pendingSpace = false
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b > 0x20 && b < 0x80 {
                    // A run of ASCII other than white space and controls, copied whole.
                    if pendingSpace { out[n] = 0x20; n += 1; pendingSpace = false }
                    let end = Shingler.graphicASCIIRunEnd(bytes, from: i)
                    (out + n).update(from: bytes.baseAddress! + i, count: end - i)
                    n += end - i
                    i = end
                    continue
                }
                if b < 0x80 {
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                        pendingSpace = n > 0
                    } else {
                        if pendingSpace { out[n] = 0x20; n += 1; pendingSpace = false }
                        out[n] = b
                        n += 1
                    }
                    i += 1
                    continue
                }
                if !leads[Int(b)] {
                    // A run of scalars none of which is white space (Han, most letters), copied whole.
                    if pendingSpace { out[n] = 0x20; n += 1; pendingSpace = false }
                    var end = i + 1
                    while end < bytes.count, bytes[end] >= 0x80, !leads[Int(bytes[end])] { end += 1 }
                    (out + n).update(from: bytes.baseAddress! + i, count: end - i)
                    n += end - i
                    i = end
                    continue
                }
                let length = UTF8Decoding.length(lead: b)
                if i + length > bytes.count { break }
                if table.isWhitespace(UTF8Decoding.value(bytes, at: i, length: length)) {
                    pendingSpace = n > 0
                } else {
                    if pendingSpace { out[n] = 0x20; n += 1; pendingSpace = false }
                    for k in 0..<length { out[n + k] = bytes[i + k] }
                    n += length
                }
                i += length
            }
            return ctk_hash64(out, n, 0)
        }
    }

    /// Per byte: whether it is the UTF-8 lead byte of a white space scalar above ASCII
    /// (`WordCharacterTable.isWhitespace`), or of a four-byte sequence, whose scalars the table
    /// does not hold. A byte not marked starts no white space, nor does a continuation byte.
    private static let whitespaceLeads: [Bool] = {
        var leads = [Bool](repeating: false, count: 256)
        let table = WordCharacterTable.shared
        for v in UInt32(0x80)..<0x10000 where table.isWhitespace(v) {
            leads[Int(v < 0x800 ? 0xC0 | v >> 6 : 0xE0 | v >> 12)] = true
        }
        for b in 0xF0...0xFF { leads[b] = true }
        return leads
    }()

    /// The end of the run of ASCII bytes from 0x21 to 0x7F that starts at `from`, found eight
    /// bytes at a time.
    @inline(__always)
    private static func graphicASCIIRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let base = bytes.baseAddress!
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = from
        while bytes.count &- i >= 8 {
            let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            // High bit per byte: set for 0x80 and up, or for below 0x21 (exact for the first such byte).
            let stop = (w | ((w &- 0x21 &* ones) & ~w)) & highs
            if stop != 0 { return i &+ stop.trailingZeroBitCount >> 3 }
            i &+= 8
        }
        while i < bytes.count && bytes[i] > 0x20 && bytes[i] < 0x80 { i &+= 1 }
        return i
    }

    /// A 64-bit finalizer (splitmix64's): every input bit affects every output bit.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
