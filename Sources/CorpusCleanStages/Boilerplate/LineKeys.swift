import CorpusCleanCore
#if canImport(Glibc)
import Glibc
#endif

/// The line keys of a text (`LineFeatures.key`: the hash of a line's lowercased words) without
/// the rest of `LineScanner`'s measures, for the corpus pre-pass, which reads every document
/// once more only to count its lines. Must hash exactly as `LineScanner` does (a test holds the
/// two together).
enum LineKeys {
    /// The distinct nonzero keys of the lines of `bytes`, sorted.
    static func distinct(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var keys: [UInt64] = []
        let kinds = ScalarKindTable.shared
        let n = bytes.count
        var lineStart = 0
        while lineStart < n {
            var lineEnd = n
            if let base = bytes.baseAddress, let newline = memchr(base + lineStart, 0x0A, n - lineStart) {
                lineEnd = lineStart + (UnsafeRawPointer(newline) - UnsafeRawPointer(base + lineStart))
            }
            let key = lineKey(bytes, lineStart, lineEnd, kinds)
            if key != 0 { keys.append(key) }
            lineStart = lineEnd + 1
        }
        keys.sortUniqueHashes()
        return keys
    }

    /// `LineScanner.scanLine`'s key of the line `from..<to` (white space at its ends changes no key).
    private static func lineKey(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int,
                                _ kinds: ScalarKindTable) -> UInt64 {
        var inToken = false
        var token = TokenHash.seed
        var key = TokenHash.seed
        var keyed = false
        var i = from
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                if (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 {
                    if !inToken {
                        inToken = true
                        token = TokenHash.seed
                    }
                    let run = LineScanner.asciiRun(bytes, i, end, (token ^ UInt64(b | 0x20)) &* TokenHash.prime)
                    i = run.end
                    token = run.hash
                    keyed = true
                    continue
                }
            } else {
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                var v = UInt32(b) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                var k = 1
                while k < length && i + k < end { v = v << 6 | UInt32(bytes[i + k] & 0x3F); k += 1 }
                i += length
                let kind = kinds.kind(v)
                if kind.isLetter {
                    keyed = true
                    if LineFeatures.isUnspacedScript(kind.script) {
                        if inToken {
                            inToken = false
                            key = (key ^ token) &* TokenHash.prime
                        }
                        key = TokenHash.add(v, to: key)
                        if kind.script == 17 { // Han (kana count as Han)
                            let run = LineScanner.hanRun(bytes, i, end, key)
                            i = run.end
                            key = run.key
                        }
                        continue
                    }
                    if !inToken { inToken = true; token = TokenHash.seed }
                    token = TokenHash.add(TokenHash.lower(v), to: token)
                    continue
                }
                if kind.joinsWord {
                    if !inToken && kind.isDigit { inToken = true; token = TokenHash.seed }
                    if inToken { token = TokenHash.add(v, to: token) }
                    continue
                }
            }
            if inToken {
                inToken = false
                key = (key ^ token) &* TokenHash.prime
            }
        }
        if inToken { key = (key ^ token) &* TokenHash.prime }
        return keyed ? key : 0
    }
}
