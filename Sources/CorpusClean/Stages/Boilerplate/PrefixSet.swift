/// Phrases to find at the start of a line's UTF-8 bytes, case-insensitively (`TokenHash.lower`),
/// decoding only as far as a phrase agrees: no String and no allocation per line.
struct PrefixSet: Sendable {
    /// Phrases as lowercased scalars.
    private let phrases: [[UInt32]]
    /// Bit set of the lowercased ASCII first scalars; other first scalars set bit 127.
    private let first: (UInt64, UInt64)

    init(_ phrases: [String]) {
        self.phrases = phrases.map { $0.unicodeScalars.map { TokenHash.lower($0.value) } }
        var bits: (UInt64, UInt64) = (0, 0)
        for p in self.phrases {
            let c = p[0] < 128 ? Int(p[0]) : 127
            if c < 64 { bits.0 |= 1 << UInt64(c) } else { bits.1 |= 1 << UInt64(c - 64) }
        }
        first = bits
    }

    /// The length in bytes of the phrase that `bytes[start..<end]` starts with, or nil.
    func match(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        let head = PrefixSet.scalar(bytes, start, end)
        guard head.length > 0 else { return nil }
        let lowered = TokenHash.lower(head.value)
        let c = lowered < 128 ? Int(lowered) : 127
        guard (c < 64 ? first.0 >> UInt64(c) : first.1 >> UInt64(c - 64)) & 1 != 0 else { return nil }
        for p in phrases where p[0] == lowered {
            var i = start + head.length
            var k = 1
            while k < p.count && i < end {
                let next = PrefixSet.scalar(bytes, i, end)
                if TokenHash.lower(next.value) != p[k] { break }
                i += next.length
                k += 1
            }
            if k == p.count { return i - start }
        }
        return nil
    }

    /// The scalar at `i` and its length in bytes (0 at the end).
    @inline(__always)
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (value: UInt32, length: Int) {
        guard i < end else { return (0, 0) }
        let b = bytes[i]
        if b < 0x80 { return (UInt32(b), 1) }
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        var v = UInt32(b) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
        var k = 1
        while k < length && i + k < end { v = v << 6 | UInt32(bytes[i + k] & 0x3F); k += 1 }
        return (v, length)
    }
}
