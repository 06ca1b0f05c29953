import CorpusCleanCore
import CorpusCleanStages
/// Writes a map task's dedup signatures in the layout `ShardSignatures` reads.
final class SignatureWriter {
    private let records: BufferedFile
    private let shingles: BufferedFile
    private let ids: BufferedFile
    private let idOffsets: BufferedFile
    private let bands: Int
    private let keepsSignature: Bool
    private var shingleOffset: UInt64 = 0
    private var idOffset: UInt64 = 0

    /// With no dedup stage the files are written empty.
    init(folder: String, dedup: DedupStage?) throws(InputError) {
        records = try BufferedFile(path: folder + "/" + ShardSignatures.signaturesName)
        shingles = try BufferedFile(path: folder + "/" + ShardSignatures.shinglesName)
        ids = try BufferedFile(path: folder + "/" + ShardSignatures.idsName)
        idOffsets = try BufferedFile(path: folder + "/" + ShardSignatures.idOffsetsName)
        bands = dedup?.lsh.bands ?? 0
        keepsSignature = dedup.map { $0.options.verify != .exact } ?? false
        permutations = dedup?.options.permutations ?? 0
    }

    private let permutations: Int

    func add(id: String, _ signature: DedupSignature) throws(InputError) {
        var w = BinaryWriter()
        w.uint64(signature.exactHash)
        w.uint64(Self.setKey(signature, keepsSignature: keepsSignature))
        w.uint32(UInt32(clamping: signature.shingleCount))
        w.uint32(0)
        w.uint64(shingleOffset)
        for band in 0..<bands { w.uint64(band < signature.bandKeys.count ? signature.bandKeys[band] : 0) }
        if keepsSignature {
            for p in 0..<permutations { w.uint32(p < signature.signature.count ? signature.signature[p] : UInt32.max) }
        }
        try records.write(w.bytes)
        var s = BinaryWriter()
        for shingle in signature.shingles { s.uint64(shingle) }
        try shingles.write(s.bytes)
        shingleOffset += UInt64(signature.shingles.count)
        var o = BinaryWriter()
        o.uint64(idOffset)
        try idOffsets.write(o.bytes)
        let bytes = Array(id.utf8)
        try ids.write(bytes)
        idOffset += UInt64(bytes.count)
    }

    /// What tells two documents with the same shingle set (similarity 1) apart from others:
    /// the hash of the shingles (or of the signature with `verify: signature`); without
    /// shingles, the exact hash.
    static func setKey(_ signature: DedupSignature, keepsSignature: Bool) -> UInt64 {
        guard signature.shingleCount > 0 else { return signature.exactHash }
        if keepsSignature { return signature.signature.withUnsafeBytes { Hash64.hash($0, seed: 0x5E7) } }
        return signature.shingles.withUnsafeBytes { Hash64.hash($0, seed: 0x5E7) }
    }

    func close() throws(InputError) {
        var o = BinaryWriter()
        o.uint64(idOffset)
        try idOffsets.write(o.bytes)
        for file in [records, shingles, ids, idOffsets] { try file.close() }
    }
}
