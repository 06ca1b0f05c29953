import CTextKit

/// MinHash signatures: for permutation i, the minimum over the shingles of the upper 32 bits
/// of `a[i] * h + b[i]` (multiply-shift hashing of the 64-bit shingle hash `h`).
public struct MinHasher: Sendable {
    public let permutations: Int
    private let a: [UInt64]
    private let b: [UInt64]

    public init(permutations: Int, seed: UInt64) {
        self.permutations = permutations
        var state = seed
        func next() -> UInt64 {
            state = state &+ 0x9E37_79B9_7F4A_7C15
            return Shingler.mix(state)
        }
        a = (0..<permutations).map { _ in next() | 1 }
        b = (0..<permutations).map { _ in next() }
    }

    /// The signature of a shingle set; all UInt32.max for an empty set.
    public func signature(_ shingles: [UInt64]) -> [UInt32] {
        var signature = [UInt32](repeating: .max, count: permutations)
        signature.withUnsafeMutableBufferPointer { sig in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    shingles.withUnsafeBufferPointer { hs in
                        ctk_minhash_update(sig.baseAddress, pa.baseAddress, pb.baseAddress, Int32(permutations),
                                           hs.baseAddress, hs.count)
                    }
                }
            }
        }
        return signature
    }

    /// Share of positions at which two signatures agree: an unbiased estimate of Jaccard.
    public static func similarity(_ x: [UInt32], _ y: [UInt32]) -> Double {
        var equal = 0
        for i in 0..<min(x.count, y.count) where x[i] == y[i] { equal += 1 }
        return Double(equal) / Double(max(1, min(x.count, y.count)))
    }
}
