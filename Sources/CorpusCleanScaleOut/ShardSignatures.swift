import CorpusCleanCore
import CorpusCleanStages
/// One shard's dedup signatures as its map task wrote them, mapped for random access by the
/// band and cluster tasks. For each document that reached dedup, in shard order (its local
/// number), a fixed-size record in `signatures.bin`, little-endian:
///
/// exact hash u64, set key u64 (the hash of what `similarity` compares: the shingle set, or the
/// MinHash signature with `verify: signature`; the exact hash when there are no shingles),
/// shingle count u32, 0 u32, offset of its shingles in `shingles.bin` (in hashes) u64, one band
/// key u64 per LSH band (0 when there are no shingles), and with `verify: signature` its
/// MinHash signature (u32 per permutation). `shingles.bin` holds the sorted shingle hashes back
/// to back (`verify: exact`); `ids.bin` the ids' UTF-8 bytes, found by `id-offsets.bin` (u64 per
/// document and one past the last).
final class ShardSignatures: @unchecked Sendable {
    static let signaturesName = "signatures.bin"
    static let shinglesName = "shingles.bin"
    static let idsName = "ids.bin"
    static let idOffsetsName = "id-offsets.bin"

    let bands: Int
    let permutations: Int
    let recordSize: Int
    let count: Int
    private let records: MappedFile
    private let shingleFile: MappedFile
    private let idFile: MappedFile
    private let idOffsets: MappedFile

    static func recordSize(bands: Int, permutations: Int) -> Int { 32 + 8 * bands + 4 * permutations }

    /// `permutations` is 0 with `verify: exact` (no signature is kept).
    init(folder: String, bands: Int, permutations: Int) throws(InputError) {
        self.bands = bands
        self.permutations = permutations
        recordSize = Self.recordSize(bands: bands, permutations: permutations)
        records = try MappedFile(folder + "/" + Self.signaturesName)
        shingleFile = try MappedFile(folder + "/" + Self.shinglesName)
        idFile = try MappedFile(folder + "/" + Self.idsName)
        idOffsets = try MappedFile(folder + "/" + Self.idOffsetsName)
        count = records.count / recordSize
        guard records.count == count * recordSize, idOffsets.count == 8 * (count + 1) else {
            throw InputError(path: folder, message: "the map task's signature files do not match (another dedup config?)")
        }
    }

    func exactHash(_ i: Int) -> UInt64 { records.load(i * recordSize) }
    func setKey(_ i: Int) -> UInt64 { records.load(i * recordSize + 8) }
    func shingleCount(_ i: Int) -> Int { Int(records.load(i * recordSize + 16, as: UInt32.self)) }
    func bandKey(_ i: Int, _ band: Int) -> UInt64 { records.load(i * recordSize + 32 + 8 * band) }

    func shingles(_ i: Int) -> [UInt64] {
        let offset = Int(records.load(i * recordSize + 24, as: UInt64.self)), n = shingleCount(i)
        guard permutations == 0 else { return [] }
        return (0..<n).map { shingleFile.load(8 * (offset + $0)) }
    }

    func signature(_ i: Int) -> [UInt32] {
        let base = i * recordSize + 32 + 8 * bands
        return (0..<permutations).map { records.load(base + 4 * $0) }
    }

    func id(_ i: Int) -> String {
        let start: UInt64 = idOffsets.load(8 * i), end: UInt64 = idOffsets.load(8 * (i + 1))
        return String(decoding: idFile.bytes(Int(start), Int(end - start)), as: UTF8.self)
    }

    /// The similarity `DedupStage` gives two documents: exact Jaccard of the shingle sets, or
    /// the signature estimate with `verify: signature`.
    static func similarity(_ a: ShardSignatures, _ i: Int, _ b: ShardSignatures, _ j: Int) -> Double {
        a.permutations == 0 ? DedupIndex.jaccard(a.shingles(i), b.shingles(j))
            : MinHasher.similarity(a.signature(i), b.signature(j))
    }
}
