import CorpusCleanCore
/// Phrases to find at the start of a line's UTF-8 bytes, case-insensitively (`TokenHash.lower`),
/// decoding only as far as a phrase agrees: no String and no allocation per line.
struct PrefixSet: Sendable {
    /// Every phrase's lowercased scalars after the first, one after another.
    private let scalars: [UInt32]
    /// Per phrase: its first scalar, and the range of its other scalars in `scalars`.
    private let heads: [(first: UInt32, rest: Range<Int>)]
    /// Bit set of the lowercased ASCII first scalars; other first scalars set bit 127.
    private let first: (UInt64, UInt64)
    /// `heads` are sorted by first scalar; the range of those starting with each ASCII scalar,
    /// and at 128 those starting with any other.
    private let buckets: [Range<Int>]
    /// Bits of the first three scalars (lowercased) of the phrases that start with three ASCII
    /// scalars, at `PrefixSet.slot`: most lines are rejected by one bit.
    private let triples: [UInt64]
    /// Whether a phrase starts with an ASCII scalar but not with three of them (no bit).
    private let unfiltered: Bool
    /// Bits of the phrases' first scalars past ASCII (lowercased), at the scalar's low 8 bits:
    /// most lines of other scripts are rejected before the search of the bucket.
    private let wideFirst: [UInt64]
    /// Bits of the first two UTF-8 bytes of every scalar past ASCII that lowercases to a phrase's
    /// first scalar, at `PrefixSet.pairSlot`: a line of another script (more than half of the
    /// lines that reach the filters) is rejected before its first scalar is decoded.
    private let wideLeads: [UInt64]

    init(_ phrases: [String]) {
        var scalars: [UInt32] = []
        var heads: [(first: UInt32, rest: Range<Int>)] = []
        var bits: (UInt64, UInt64) = (0, 0)
        for phrase in phrases {
            let p = phrase.unicodeScalars.map { TokenHash.lower($0.value) }
            heads.append((p[0], scalars.count..<(scalars.count + p.count - 1)))
            scalars += p.dropFirst()
            let c = p[0] < 128 ? Int(p[0]) : 127
            if c < 64 { bits.0 |= 1 << UInt64(c) } else { bits.1 |= 1 << UInt64(c - 64) }
        }
        var triples = [UInt64](repeating: 0, count: 64)
        var wideFirst = [UInt64](repeating: 0, count: 4)
        for (head, _) in heads where head >= 128 { wideFirst[Int(head & 255) >> 6] |= 1 << UInt64(head & 63) }
        self.wideFirst = wideFirst
        // Below `TokenHash.lowerChangesBelow`, every scalar that lowers to a first scalar; from it
        // on, the first scalars themselves.
        var wideLeads = [UInt64](repeating: 0, count: 64)
        let wideHeads = heads.map(\.first).filter { $0 >= 128 }
        let lowering = (UInt32(0x80)..<TokenHash.lowerChangesBelow).filter { wideHeads.contains(TokenHash.lower($0)) }
        for v in lowering + wideHeads.filter({ $0 >= TokenHash.lowerChangesBelow }) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let utf8 = Array(String(scalar).utf8)
            let bit = PrefixSet.pairSlot(utf8[0], utf8[1])
            wideLeads[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.wideLeads = wideLeads
        var unfiltered = false
        for (head, rest) in heads where head < 128 {
            guard rest.count >= 2, scalars[rest.lowerBound] < 128, scalars[rest.lowerBound + 1] < 128 else {
                unfiltered = true
                continue
            }
            let bit = PrefixSet.slot(UInt8(head), UInt8(scalars[rest.lowerBound]), UInt8(scalars[rest.lowerBound + 1]))
            triples[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.triples = triples
        self.unfiltered = unfiltered
        heads.sort { $0.first < $1.first }
        self.scalars = scalars
        self.heads = heads
        first = bits
        buckets = (0...128).map { c in
            let inBucket = heads.indices.filter { c < 128 ? heads[$0].first == c : heads[$0].first >= 128 }
            return (inBucket.first ?? 0)..<((inBucket.last ?? -1) + 1)
        }
    }

    /// The length in bytes of the phrase that `bytes[start..<end]` starts with, or nil.
    func match(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard start < end else { return nil }
        let b = bytes[start]
        if b < 0x80 {
            let c = Int(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            guard (c < 64 ? first.0 >> UInt64(c) : first.1 >> UInt64(c - 64)) & 1 != 0 else { return nil }
            if !unfiltered && start + 2 < end && bytes[start + 1] < 0x80 && bytes[start + 2] < 0x80 {
                let bit = PrefixSet.slot(UInt8(c), PrefixSet.fold(bytes[start + 1]), PrefixSet.fold(bytes[start + 2]))
                guard triples[bit >> 6] >> UInt64(bit & 63) & 1 != 0 else { return nil }
            }
        } else {
            guard first.1 >> 63 & 1 != 0 else { return nil }
            if start + 1 < end {
                let bit = PrefixSet.pairSlot(b, bytes[start + 1])
                guard wideLeads[bit >> 6] >> UInt64(bit & 63) & 1 != 0 else { return nil }
            }
        }
        let head = PrefixSet.scalar(bytes, start, end)
        let lowered = TokenHash.lower(head.value)
        guard lowered < 128 || wideFirst[Int(lowered & 255) >> 6] >> UInt64(lowered & 63) & 1 != 0 else { return nil }
        // The bucket is sorted by first scalar: the phrases that start with this one follow the
        // first of them, found by halving (the bucket past ASCII holds every other script's).
        let bucket = buckets[lowered < 128 ? Int(lowered) : 128]
        var from = bucket.lowerBound, to = bucket.upperBound
        while from < to {
            let middle = (from + to) / 2
            if heads[middle].first < lowered { from = middle + 1 } else { to = middle }
        }
        return scalars.withUnsafeBufferPointer { scalars in
            for h in heads[from..<bucket.upperBound] {
                guard h.first == lowered else { break }
                var i = start + head.length
                var k = h.rest.lowerBound
                while k < h.rest.upperBound && i < end {
                    let next = PrefixSet.scalar(bytes, i, end)
                    if TokenHash.lower(next.value) != scalars[k] { break }
                    i += next.length
                    k += 1
                }
                if k == h.rest.upperBound { return i - start }
            }
            return nil
        }
    }

    @inline(__always)
    private static func fold(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// Bit of three lowercased ASCII scalars in `triples` (4096 bits).
    @inline(__always)
    private static func slot(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        Int(((UInt32(a) << 14 | UInt32(b) << 7 | UInt32(c)) &* 0x9E37_79B1) >> 20)
    }

    /// Bit of the first two UTF-8 bytes of a scalar past ASCII in `wideLeads` (4096 bits).
    @inline(__always)
    private static func pairSlot(_ a: UInt8, _ b: UInt8) -> Int {
        Int(((UInt32(a) << 8 | UInt32(b)) &* 0x9E37_79B1) >> 20)
    }

    /// The scalar at `i` and its length in bytes (0 at the end).
    @inline(__always)
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (value: UInt32, length: Int) {
        guard i < end else { return (0, 0) }
        let b = bytes[i]
        return b < 0x80 ? (UInt32(b), 1) : UTF8Decoding.value(bytes, at: i, end: end)
    }
}
