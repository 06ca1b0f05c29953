import CorpusCleanCore
import CTextKit

/// MinHash signatures by one-permutation hashing with optimal densification: each shingle
/// hash (spread evenly already) is XORed with the mixed seed and multiplied by an odd constant
/// once, and kept, as a 32-bit value, in one of `permutations`
/// bins if it is that bin's minimum; empty bins borrow another bin's value along a fixed
/// sequence (Shrivastava, "Optimal Densification for Fast and Accurate Minwise Hashing",
/// ICML 2017). Two documents agree in a bin with probability their Jaccard similarity, as
/// with `permutations` independent permutations, at the cost of one hash per shingle instead
/// of one per shingle and permutation.
public struct MinHasher: Sendable {
    public let permutations: Int
    public let seed: UInt64

    public init(permutations: Int, seed: UInt64) {
        self.permutations = permutations
        self.seed = seed
    }

    /// The signature of a shingle set (repeats do not change it); all UInt32.max for an empty set.
    public func signature(_ shingles: [UInt64]) -> [UInt32] {
        [UInt32](unsafeUninitializedCapacity: permutations) { sig, initialized in
            shingles.withUnsafeBufferPointer {
                ctk_oph_signature(sig.baseAddress, Int32(permutations), $0.baseAddress, $0.count, seed)
            }
            initialized = permutations
        }
    }

    /// Share of positions at which two signatures agree: an unbiased estimate of Jaccard.
    public static func similarity(_ x: [UInt32], _ y: [UInt32]) -> Double {
        var equal = 0
        for i in 0..<min(x.count, y.count) where x[i] == y[i] { equal += 1 }
        return Double(equal) / Double(max(1, min(x.count, y.count)))
    }
}
