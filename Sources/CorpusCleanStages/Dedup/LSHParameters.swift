import CorpusCleanCore
import Foundation

/// Bands and rows for LSH banding, derived from the Jaccard threshold and the number of
/// permutations: the most rows per band (fewest false candidates) that still makes a pair
/// exactly at the threshold a candidate with probability `targetRecall`.
public struct LSHParameters: Sendable, Equatable {
    public let bands: Int
    public let rows: Int

    public static let targetRecall = 0.99

    /// Probability that a pair of Jaccard similarity `s` shares at least one band.
    public static func candidateProbability(_ s: Double, bands: Int, rows: Int) -> Double {
        1 - pow(1 - pow(s, Double(rows)), Double(bands))
    }

    public init(threshold: Double, permutations: Int) {
        var chosen = (bands: permutations, rows: 1)
        for rows in 1...permutations {
            let bands = permutations / rows
            if LSHParameters.candidateProbability(threshold, bands: bands, rows: rows) >= LSHParameters.targetRecall {
                chosen = (bands, rows)
            }
        }
        bands = chosen.bands
        rows = chosen.rows
    }
}
