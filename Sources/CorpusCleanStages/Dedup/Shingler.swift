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
/// A token's hash is FNV-1a over its lowercased scalars, finished by `mix`. The shingle of tokens
/// t[s..<s+w] is `shingleMix` of w times the golden ratio constant XORed with each t[s+k] rotated
/// left by 13k. A text whose start (its first 512 bytes) suggests the wrong mode is tokenized again.
///
/// The work is one pass in C over the UTF-8 bytes (`ctk_shingle_scan`, with `ShinglerTables`),
/// which also gives the exact-duplicate hash (`collapsedHash`).
public struct Shingler: Sendable {
    public let n: Int
    /// Taken once here: `ShinglerTables.shared` costs a `swift_once` call at every use.
    private let tables = ShinglerTables.shared

    public init(n: Int) { self.n = n }

    /// 64-bit hashes of the tokens of `text`, in order.
    public func tokenHashes(_ text: String) -> [UInt64] {
        scan(text, CTK_SCAN_TOKENS).values
    }

    /// The hash of a token of the given scalars (lowercased already), as `tokenHashes` makes it.
    static func tokenHash(_ scalars: [UInt32]) -> UInt64 {
        mix(scalars.reduce(FNV1a.basis, FNV1a.step))
    }

    /// Hashes of the word n-grams of `text`, duplicates removed, sorted.
    public func shingles(_ text: String) -> [UInt64] {
        scan(text, CTK_SCAN_SHINGLES).values
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
                result.append(Shingler.shingleMix(h))
            }
        }
        result.sortUniqueHashes()
        return result
    }

    /// XXH64 of the text with every whitespace run turned into one space and the ends trimmed:
    /// the key of exact duplicates.
    public static func collapsedHash(_ text: String) -> UInt64 {
        Shingler(n: 1).scan(text, CTK_SCAN_EXACT).exactHash
    }

    /// The exact-duplicate hash of `text` and, when `shingles`, its distinct shingles (sorted), in
    /// one pass; `body` sees the shingles only until it returns.
    func exactHashAndShingles<R>(_ text: String, shingles: Bool, _ body: (UInt64, UnsafeBufferPointer<UInt64>) -> R) -> R {
        scan(text, CTK_SCAN_EXACT | (shingles ? CTK_SCAN_SHINGLES : 0), body)
    }

    /// The exact-duplicate hash of `text`, its distinct shingles (sorted, or in the order of their
    /// first occurrence when not `sorted`; an empty array unless `keep`, with their count in
    /// `count`) and their MinHash signature by `hasher` (all UInt32.max without shingles), in one
    /// pass over the text and one over the token hashes (`ctk_shingle_tokens`,
    /// `ctk_shingle_signature`): each distinct shingle goes to its bin as it is found, and into
    /// the array that keeps it.
    func exactHashShinglesAndSignature(_ text: String, hasher: MinHasher, sorted: Bool, keep: Bool)
        -> (exactHash: UInt64, shingles: [UInt64], count: Int, signature: [UInt32]) {
        exactHashShinglesAndSignature(text, hasher: hasher, sorted: sorted, keep: keep) { ($0, $1, $2, [UInt32]($3)) }
    }

    /// `exactHashShinglesAndSignature` with the signature on the stack: `body` sees it only until
    /// it returns, so that a caller that keeps only what it derives from it (the band keys) makes
    /// no array of it.
    func exactHashShinglesAndSignature<R>(_ text: String, hasher: MinHasher, sorted: Bool, keep: Bool,
                                          _ body: (_ exactHash: UInt64, _ shingles: [UInt64], _ count: Int,
                                                   _ signature: UnsafeBufferPointer<UInt32>) -> R) -> R {
        var text = text
        var exactHash: UInt64 = 0
        let tokens = text.withUTF8 { bytes in
            withUnsafePointer(to: tables.tables) { ctk_shingle_tokens(bytes.baseAddress, bytes.count, $0, &exactHash) }
        }
        // The shingles are written into their array directly (a copy of them costs more than the
        // run-time type look-up of `Array(unsafeUninitializedCapacity:)`, and so does an array of
        // `repeatElement` zeros cut to its count afterwards, whose copy goes element by element).
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: hasher.permutations) { sig in
            func distinct(into out: UnsafeMutablePointer<UInt64>?) -> Int {
                var values: UnsafePointer<UInt64>?
                return ctk_shingle_signature(tokens, Int32(clamping: n), sorted ? 1 : 0, out, &values, sig.baseAddress,
                                             Int32(hasher.permutations), hasher.seed)
            }
            var shingles: [UInt64] = []
            var count = 0
            if keep {
                shingles = [UInt64](unsafeUninitializedCapacity: tokens) { out, kept in
                    count = distinct(into: out.baseAddress)
                    kept = count
                }
            } else {
                count = distinct(into: nil)
            }
            return body(exactHash, shingles, count, UnsafeBufferPointer(sig))
        }
    }

    private func scan(_ text: String, _ what: Int32) -> (exactHash: UInt64, values: [UInt64]) {
        scan(text, what) { ($0, Array($1)) }
    }

    private func scan<R>(_ text: String, _ what: Int32, _ body: (UInt64, UnsafeBufferPointer<UInt64>) -> R) -> R {
        var text = text
        return text.withUTF8 { bytes in
            var exactHash: UInt64 = 0
            var values: UnsafePointer<UInt64>?
            let count = withUnsafePointer(to: tables.tables) { tables in
                ctk_shingle_scan(bytes.baseAddress, bytes.count, tables, Int32(clamping: n), what, &exactHash, &values)
            }
            return body(exactHash, UnsafeBufferPointer(start: count > 0 ? values : nil, count: count))
        }
    }

    /// The finalizer of a shingle (`shingle_mix` in C): the XOR of rotated token hashes is spread
    /// evenly already, so a multiply and a fold of the high half do; a bijection, as `mix` is.
    @inline(__always)
    static func shingleMix(_ x: UInt64) -> UInt64 {
        let z = x &* 0xD6E8_FEB8_6659_FD93
        return z ^ (z >> 32)
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
