/// Turns text into hashed word n-gram shingles.
///
/// Tokens are maximal runs of letters and digits, lowercased (Unicode-aware). Runs of a
/// script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) are split into words
/// by ICU's word break rules. A text with fewer than `n` tokens gives one shingle of all its
/// tokens; a text without tokens gives none.
public struct Shingler: Sendable {
    public let n: Int

    public init(n: Int) { self.n = n }

    /// 64-bit hashes of the tokens of `text`, in order.
    public func tokenHashes(_ text: String) -> [UInt64] {
        var hashes: [UInt64] = []
        var token = String()
        var unspaced = String()

        func flushToken() {
            if !token.isEmpty {
                hashes.append(Hash64.hash(token))
                token.removeAll(keepingCapacity: true)
            }
        }
        func flushUnspaced() {
            guard !unspaced.isEmpty else { return }
            let sub = Substring(unspaced)
            let utf8 = Array(unspaced.utf8)
            for range in WordSegmenter.words(sub) {
                let word = String(decoding: utf8[range], as: UTF8.self)
                hashes.append(Hash64.hash(word.lowercased()))
            }
            unspaced.removeAll(keepingCapacity: true)
        }

        for scalar in text.unicodeScalars {
            let props = scalar.properties
            if props.isAlphabetic || props.numericType != nil || props.generalCategory == .nonspacingMark {
                if props.isAlphabetic, LineFeatures.isUnspacedScript(Script.code(of: scalar)) {
                    flushToken()
                    unspaced.unicodeScalars.append(scalar)
                    continue
                }
                flushUnspaced()
                if props.changesWhenLowercased {
                    token += String(scalar).lowercased()
                } else {
                    token.unicodeScalars.append(scalar)
                }
            } else {
                flushToken()
                flushUnspaced()
            }
        }
        flushToken()
        flushUnspaced()
        return hashes
    }

    /// Hashes of the word n-grams of `text`, duplicates removed, sorted.
    public func shingles(_ text: String) -> [UInt64] {
        let tokens = tokenHashes(text)
        guard !tokens.isEmpty else { return [] }
        let width = min(n, tokens.count)
        var result: [UInt64] = []
        result.reserveCapacity(tokens.count - width + 1)
        for start in 0...(tokens.count - width) {
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(width)
            for k in start..<(start + width) {
                h = Shingler.mix(h ^ tokens[k])
            }
            result.append(h)
        }
        result.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(result.count)
        for h in result where unique.last != h { unique.append(h) }
        return unique
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
