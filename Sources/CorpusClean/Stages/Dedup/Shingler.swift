import CTextKit

/// Turns text into hashed word n-gram shingles.
///
/// Tokens are maximal runs of letters and digits (and nonspacing marks), lowercased
/// (Unicode-aware: each scalar's full lowercase mapping). Runs of a script written without
/// spaces (Han, kana, Thai, Lao, Khmer, Myanmar) are split into words by ICU's word break
/// rules. A token's hash is XXH64 of its lowercased UTF-8 bytes. A text with fewer than `n`
/// tokens gives one shingle of all its tokens; a text without tokens gives none.
///
/// Works on the UTF-8 bytes with an ASCII fast path; only non-ASCII scalars look up
/// Unicode properties.
public struct Shingler: Sendable {
    public let n: Int

    public init(n: Int) { self.n = n }

    /// 64-bit hashes of the tokens of `text`, in order.
    public func tokenHashes(_ text: String) -> [UInt64] {
        var text = text
        return text.withUTF8 { Shingler.tokenHashes(utf8: $0) }
    }

    static func tokenHashes(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(bytes.count / 5)
        // A token is hashed straight from the input while it needs no lowercasing (`sliceStart`),
        // and copied into `token` from its first byte that does.
        var token: [UInt8] = []
        token.reserveCapacity(64)
        var sliceStart = -1
        var unspacedStart = -1
        var unspacedEnd = -1

        func flushToken(at end: Int) {
            if sliceStart >= 0 {
                hashes.append(ctk_hash64(bytes.baseAddress! + sliceStart, end - sliceStart, 0))
                sliceStart = -1
            } else if !token.isEmpty {
                hashes.append(token.withUnsafeBytes { ctk_hash64($0.baseAddress, $0.count, 0) })
                token.removeAll(keepingCapacity: true)
            }
        }
        func copySlice(upTo end: Int) {
            if sliceStart >= 0 {
                token.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[sliceStart..<end]))
                sliceStart = -1
            }
        }
        func flushUnspaced() {
            guard unspacedStart >= 0 else { return }
            let run = UnsafeBufferPointer(rebasing: bytes[unspacedStart..<unspacedEnd])
            for range in WordSegmenter.words(utf8: run) {
                let word = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(run)[range])
                hashes.append(ctk_hash64(word.baseAddress, word.count, 0))
            }
            unspacedStart = -1
        }

        let count = bytes.count
        var i = 0
        while i < count {
            let b = bytes[i]
            if b < 0x80 {
                if b >= 0x61 && b <= 0x7A || b >= 0x30 && b <= 0x39 {
                    if unspacedStart >= 0 { flushUnspaced() }
                    if !token.isEmpty { token.append(b) } else if sliceStart < 0 { sliceStart = i }
                } else if b >= 0x41 && b <= 0x5A {
                    if unspacedStart >= 0 { flushUnspaced() }
                    copySlice(upTo: i)
                    token.append(b | 0x20)
                } else {
                    flushToken(at: i)
                    if unspacedStart >= 0 { flushUnspaced() }
                }
                i += 1
                continue
            }
            let (scalar, length) = UTF8Decoding.scalar(bytes, at: i)
            let props = scalar.properties
            let isMark = props.generalCategory == .nonspacingMark
            if props.isAlphabetic || isMark || props.numericType != nil {
                if (isMark && unspacedStart >= 0 && token.isEmpty && sliceStart < 0)
                    || (props.isAlphabetic && LineFeatures.isUnspacedScript(Script.code(of: scalar))) {
                    flushToken(at: i)
                    if unspacedStart < 0 { unspacedStart = i }
                    unspacedEnd = i + length
                } else {
                    if unspacedStart >= 0 { flushUnspaced() }
                    copySlice(upTo: i)
                    if props.changesWhenLowercased {
                        token.append(contentsOf: props.lowercaseMapping.utf8)
                    } else {
                        token.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                    }
                }
            } else {
                flushToken(at: i)
                if unspacedStart >= 0 { flushUnspaced() }
            }
            i += length
        }
        flushToken(at: count)
        flushUnspaced()
        return hashes
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
        result.sortUnique()
        return result
    }

    /// XXH64 of the text with every whitespace run turned into one space and the ends trimmed:
    /// the key of exact duplicates.
    public static func collapsedHash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes -> UInt64 in
            let out = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
            defer { out.deallocate() }
            var n = 0
            var pendingSpace = false
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
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
                let (scalar, length) = UTF8Decoding.scalar(bytes, at: i)
                if scalar.properties.isWhitespace {
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

    /// A 64-bit finalizer (splitmix64's): every input bit affects every output bit.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
