import Synchronization

/// The `dedup` stage: exact duplicates by hash, then near-duplicates by MinHash over word
/// n-gram shingles with LSH banding. Keeps the first document in input order; a dropped one
/// names the kept document it matched and the estimated similarity.
public final class DedupStage: CorpusStage {
    public let name = StageName.dedup
    public let options: DedupOptions
    public let lsh: LSHParameters
    private let shingler: Shingler
    private let hasher: MinHasher
    /// Touched only from `decide`, which the runner calls sequentially.
    private let index: Mutex<DedupIndex>

    public init(options: DedupOptions) {
        self.options = options
        lsh = LSHParameters(threshold: options.threshold, permutations: options.permutations)
        shingler = Shingler(n: options.ngram)
        hasher = MinHasher(permutations: options.permutations, seed: UInt64(options.seed))
        index = Mutex(DedupIndex(bands: lsh.bands))
    }

    public func prepare(_ state: inout DocumentState) {
        state.prepared = signature(of: state.text)
    }

    func signature(of text: String) -> DedupSignature {
        let exactHash = Hash64.hash(DedupStage.collapseWhitespace(text))
        guard options.near else { return DedupSignature(exactHash: exactHash, signature: [], bandHashes: []) }
        let shingles = shingler.shingles(text)
        guard !shingles.isEmpty else { return DedupSignature(exactHash: exactHash, signature: [], bandHashes: []) }
        let signature = hasher.signature(shingles)
        return DedupSignature(exactHash: exactHash, signature: signature, bandHashes: bandHashes(signature))
    }

    /// One hash per LSH band of a signature; none for an empty signature.
    func bandHashes(_ signature: [UInt32]) -> [UInt64] {
        guard !signature.isEmpty else { return [] }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(lsh.bands)
        signature.withUnsafeBytes { raw in
            for band in 0..<lsh.bands {
                let slice = UnsafeRawBufferPointer(rebasing: raw[(band * lsh.rows * 4)..<((band + 1) * lsh.rows * 4)])
                hashes.append(Hash64.hash(slice, seed: UInt64(band)))
            }
        }
        return hashes
    }

    public func decide(_ state: inout DocumentState) -> StageReport {
        var report = StageReport(stage: name)
        let prepared = (state.prepared as? DedupSignature) ?? signature(of: state.text)
        state.prepared = nil
        let id = state.document.id
        let threshold = options.threshold
        let exactEnabled = options.exact
        report.duplicate = index.withLock { index -> DuplicateMatch? in
            if exactEnabled, let twin = index.exactMatch(prepared.exactHash) {
                return DuplicateMatch(duplicateOf: twin.id, similarity: 1, exact: true)
            }
            if !prepared.signature.isEmpty {
                var best: (entry: DedupIndex.Entry, similarity: Double)?
                for candidate in index.candidates(prepared.bandHashes) {
                    let similarity = MinHasher.similarity(prepared.signature, candidate.signature)
                    if similarity >= threshold, similarity > (best?.similarity ?? -1) {
                        best = (candidate, similarity)
                    }
                }
                if let best {
                    return DuplicateMatch(duplicateOf: best.entry.id, similarity: best.similarity, exact: false)
                }
            }
            index.insert(id: id, signature: prepared)
            return nil
        }
        if let duplicate = report.duplicate {
            report.dropReason = duplicate.exact ? "exact_duplicate" : "near_duplicate"
            report.dropDetail = "duplicate of \(duplicate.duplicateOf)"
        }
        return report
    }

    public func journalEntry(_ state: DocumentState) -> [UInt8] {
        let prepared = (state.prepared as? DedupSignature) ?? signature(of: state.text)
        var w = BinaryWriter()
        w.string(state.document.id)
        w.uint64(prepared.exactHash)
        w.uint32s(prepared.signature)
        return w.bytes
    }

    public func replay(_ entry: [UInt8]) {
        var r = BinaryReader(entry)
        guard let id = r.string(), let exactHash = r.uint64(), let signature = r.uint32s() else { return }
        var state = DocumentState(document: Document(ordinal: 0, id: id, source: id, text: ""))
        state.prepared = DedupSignature(exactHash: exactHash, signature: signature, bandHashes: bandHashes(signature))
        _ = decide(&state)
    }

    /// The text with every whitespace run turned into one space, trimmed.
    static func collapseWhitespace(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
