import CTextKit
import CorpusCleanCore
import Foundation
import Synchronization

/// The `dedup` stage: exact duplicates by hash, then near-duplicates by MinHash over word
/// n-gram shingles with LSH banding, candidates verified against the threshold (exact Jaccard
/// or the signature estimate), clusters by union-find.
///
/// Every document that is not an exact copy is indexed, kept or not, so that clusters are
/// the connected components of the verified pairs. With `keep: first` a document is dropped
/// when it matches an earlier one, and names the first document of its cluster. With
/// `keep: longest` the decisions wait for the whole input (`settle`).
public final class DedupStage: CorpusStage {
    public let options: DedupOptions
    public let lsh: LSHParameters
    private let shingler: Shingler
    private let hasher: MinHasher
    /// Touched only from the sequential calls (`begin`, `decide`, `settle`, `finish`).
    private let index: Mutex<DedupIndex?>
    /// The saved index staged by `finish`, for the run's commit.
    private let staged = Mutex<[CommitMove]>([])
    /// What this run reads (`runInput`), set before `begin`.
    private let input = Mutex<String?>(nil)
    /// Where a resumable run keeps the shingle store (`resumeStaging`), set before `begin`.
    private let staging = Mutex<ResumeStaging?>(nil)
    /// The first journal entry `replay` could not read (a damaged journal), for `replayed`.
    private let replayFailure = Mutex<InputError?>(nil)
    /// The lock on the saved index, held from `begin` until the stage is released (after the commit).
    private let indexLock = Mutex<DedupIndexLock?>(nil)
    /// Called from `decide` with every verified pair (earlier id, later id, similarity), for benchmarks.
    private let onPair: (@Sendable (String, String, Double) -> Void)?

    public init(options: DedupOptions, onPair: (@Sendable (String, String, Double) -> Void)? = nil) {
        self.options = options
        lsh = LSHParameters(threshold: options.designThreshold, permutations: options.permutations)
        shingler = Shingler(n: options.ngram)
        hasher = MinHasher(permutations: options.permutations, seed: UInt64(options.seed))
        index = Mutex(nil)
        self.onPair = onPair
    }

    public var holdsDocuments: Bool { options.keep == .longest }

    /// The identity of this run's input (its paths and their fingerprint), recorded in a saved
    /// index as its last run's. A saved index whose last run read the same input is loaded as it
    /// was before that run, so running the same input again (a cron job run twice) replaces
    /// that run's entries instead of finding every document a duplicate of itself. Set it
    /// before `begin`; nil (the default) never rolls back.
    public var runInput: String? {
        get { input.withLock { $0 } }
        set { input.withLock { $0 = newValue } }
    }

    /// A resumable run keeps the shingle store (`verify: exact` without a saved index) in the
    /// output's staging directory rather than in an unlinked temporary file, so that `--resume`
    /// reads the sets back from it and the journal need not hold them.
    public var resumeStaging: ResumeStaging? {
        get { staging.withLock { $0 } }
        set { staging.withLock { $0 = newValue } }
    }

    /// The staged shingle store's length, once its sets are written (`check` writes them).
    public var resumeFileLengths: [String: Int] {
        index.withLock { index in
            guard let store = index?.store, store.isStaged else { return [:] }
            return [ShingleStore.stagedName: store.writtenBytes]
        }
    }

    private var exactVerify: Bool { options.verify == .exact }

    /// Whether journal entries hold the shingle sets: only those of a run with a saved index,
    /// whose store is the index's (a resumable run's staged store holds every set `--resume` needs).
    private var journalsShingles: Bool { exactVerify && !options.index.isEmpty }

    public func begin() throws(InputError) {
        let loaded: DedupIndex
        do {
            if !options.index.isEmpty {
                let index = options.index
                let held = try DedupIndexLock(directory: index) { holder in
                    FileHandle.standardError.write(Data("corpusclean: waiting for the dedup index \(index): another run (pid \(holder)) holds it until its commit\n".utf8))
                }
                indexLock.withLock { $0 = held }
            }
            if !options.index.isEmpty {
                loaded = try DedupIndexFile(directory: options.index, stage: self).load()
            } else if !exactVerify {
                loaded = makeIndex(store: nil)
            } else if let staging = resumeStaging {
                loaded = makeIndex(store: try ShingleStore.staged(in: staging.directory,
                                                                  resumedLength: staging.resumedLengths.map { $0[ShingleStore.stagedName] ?? 0 }))
            } else {
                loaded = makeIndex(store: try ShingleStore.temporary())
            }
        } catch {
            throw InputError(path: error.path, message: error.message)
        }
        index.withLock { $0 = loaded }
    }

    public func check() throws(InputError) {
        if let failure = index.withLock({ index -> DedupIndexError? in
            index?.store?.flush()
            return index?.store?.failure
        }) {
            throw InputError(path: failure.path, message: failure.message)
        }
    }

    /// Writes the index to its staging directory; the run's commit puts it in place
    /// (`stagedReplacements`), together with the output.
    public func finish() throws(InputError) {
        try check()
        guard !options.index.isEmpty else { return }
        do {
            let move = try index.withLock { index throws(DedupIndexError) -> CommitMove? in
                guard let index else { return nil }
                return try DedupIndexFile(directory: options.index, stage: self).stage(index)
            }
            staged.withLock { $0 = move.map { [$0] } ?? [] }
        } catch {
            throw InputError(path: error.path, message: error.message)
        }
    }

    public var stagedReplacements: [CommitMove] { staged.withLock { $0 } }

    /// Documents in the index and the bytes it holds in memory (the shingle file not counted).
    public var indexMemory: (documents: Int, bytes: Int) {
        index.withLock { ($0?.count ?? 0, $0?.memoryBytes ?? 0) }
    }

    func makeIndex(store: ShingleStore?) -> DedupIndex {
        DedupIndex(bands: lsh.bands, permutations: options.permutations, store: store)
    }

    /// The signature with its shingles unsorted: the index compares sets in any order
    /// (`DedupIndex.similarity`) and sorts those it saves. The MinHash signature itself is kept
    /// only with `verify: signature` (the index and the journal have no use for it otherwise).
    public func prepare(_ state: inout DocumentState) {
        state.setPrepared(signature(of: state.text, sorted: false, keepSignature: !exactVerify), for: name)
    }

    /// The dedup signature of `text`; its shingles (with `verify: exact`) sorted unless not `sorted`;
    /// its MinHash signature empty unless `keepSignature` (the band keys are made from it anyway).
    package func signature(of text: String, sorted: Bool = true, keepSignature: Bool = true) -> DedupSignature {
        let length = text.utf8.count
        func none(_ exactHash: UInt64) -> DedupSignature {
            DedupSignature(exactHash: exactHash, length: length, shingles: [], shinglesSorted: true, shingleCount: 0,
                           signature: [], bandKeys: [])
        }
        guard options.near else { return none(Shingler.collapsedHash(text)) }
        return shingler.exactHashShinglesAndSignature(text, hasher: hasher, sorted: sorted, keep: exactVerify) {
            exactHash, shingles, count, signature in
            guard count > 0 else { return none(exactHash) }
            return DedupSignature(exactHash: exactHash, length: length, shingles: shingles, shinglesSorted: sorted,
                                  shingleCount: count, signature: keepSignature ? [UInt32](signature) : [],
                                  bandKeys: bandKeys(signature))
        }
    }

    /// One key per LSH band: the hash of the band's rows with the band number in the low 10 bits.
    func bandKeys(_ signature: [UInt32]) -> [UInt64] {
        signature.withUnsafeBufferPointer { bandKeys($0) }
    }

    private func bandKeys(_ signature: UnsafeBufferPointer<UInt32>) -> [UInt64] {
        guard let rows = signature.baseAddress else { return [] }
        let bands = lsh.bands
        precondition(signature.count >= bands * lsh.rows, "a signature shorter than its bands")
        // Made on the stack and copied: copying a buffer makes an array without the run-time type
        // look-up of `Array(unsafeUninitializedCapacity:)`.
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bands) { keys in
            ctk_band_keys(rows, Int32(bands), Int32(lsh.rows), keys.baseAddress)
            return Array(keys)
        }
    }

    /// The document's id, exact hash, length and shingle count, its band keys (`verify: exact`)
    /// or its signature (`verify: signature`, which the index keeps), and with a saved index its
    /// shingles: a resumable run's staged store holds the sets of the documents it compared, in
    /// order, and `replay` reads them back from it. One allocation of the entry's size.
    public func journalEntry(_ state: DocumentState) -> [UInt8] {
        let prepared = state.prepared(DedupSignature.self, by: name) ?? signature(of: state.text)
        let bandKeys = exactVerify ? prepared.bandKeys : []
        let signature = exactVerify ? [] : prepared.signature
        let shingles = journalsShingles ? prepared.shingles : []
        let id = state.document.id
        var entry = BinaryWriter(count: 4 + id.utf8.count + 3 * 8 + 4 + 8 * bandKeys.count + 4 + 4 * signature.count + 4 + 8 * shingles.count)
        entry.string(id)
        entry.uint64(prepared.exactHash)
        entry.uint64(UInt64(prepared.length))
        entry.uint64(UInt64(prepared.shingleCount))
        entry.uint64s(bandKeys)
        entry.uint32s(signature)
        entry.uint64s(shingles)
        return entry.bytes
    }

    /// Replays an entry of `journalEntry`; one it cannot read, or whose set the staged store
    /// does not hold, is recorded as a failure (`replayed` throws it) and ends the replay.
    public func replay(_ entry: [UInt8]) {
        guard replayFailure.withLock({ $0 == nil }) else { return }
        var r = BinaryReader(entry)
        guard let id = r.string(), let exactHash = r.uint64(), let length = r.uint64().flatMap({ Int(exactly: $0) }),
              let shingleCount = r.uint64().flatMap({ Int(exactly: $0) }),
              var bandKeys = r.uint64s(), let signature = r.uint32s(), var shingles = r.uint64s(), r.position == entry.count,
              bandKeys.isEmpty || bandKeys.count == lsh.bands, signature.isEmpty || signature.count == options.permutations
        else {
            let path = ((resumeStaging?.directory ?? ".staging") as NSString).appendingPathComponent(OutputWriter.journalName)
            replayFailure.withLock {
                $0 = InputError(path: path, message: "an entry of dedup's resume journal cannot be read (the journal is damaged, e.g. by a power loss), so --resume cannot continue the run; run again without --resume")
            }
            return
        }
        if !signature.isEmpty { bandKeys = self.bandKeys(signature) }
        index.withLock { slot in
            guard let index = slot else { preconditionFailure("DedupStage.replay before begin()") }
            guard index.store?.failure == nil else { return }
            var stored: UInt64?
            // The interrupted run compared the set of every document that was not an exact copy: in
            // its store, in the order of the decisions.
            if let store = index.store, store.isStaged,
               !(options.exact && index.exactMatch(exactHash) != nil), !bandKeys.isEmpty {
                guard let back = store.readBack(length: UInt64(shingleCount)) else { return }
                // A set read back is the one the band keys were made from, unless the store was
                // damaged (a power loss can leave a zero-filled tail): checked here, on resume only.
                guard self.bandKeys(hasher.signature(back.shingles)) == bandKeys else {
                    store.damaged("does not hold the sets its journal describes")
                    return
                }
                (stored, shingles) = back
            }
            let doc = DedupSignature(exactHash: exactHash, length: length, shingles: shingles, shinglesSorted: false,
                                     shingleCount: shingleCount, signature: signature, bandKeys: bandKeys)
            _ = decide(id: id, doc, in: index, stored: stored)
        }
    }

    /// After the replay of a resumed run: throws when an entry could not be read or replayed, or
    /// when the replay did not read the staged store back to the length the checkpoint records.
    public func replayed() throws(InputError) {
        if let failure = replayFailure.withLock({ $0 }) { throw failure }
        try check()
        let unread = index.withLock { index -> (path: String, read: Int, length: Int)? in
            guard let store = index?.store, store.isStaged,
                  let length = resumeStaging?.resumedLengths?[ShingleStore.stagedName], store.readBackBytes != length else { return nil }
            return (store.path, store.readBackBytes, length)
        }
        if let unread {
            throw InputError(path: unread.path, message: "the interrupted run's shingle file holds \(unread.length) bytes at its checkpoint, but its journal reads back \(unread.read) (damaged, e.g. by a power loss), so --resume cannot continue it; run again without --resume")
        }
    }

    public func decide(_ state: inout DocumentState) -> StageReport {
        var report = StageReport(stage: name)
        let prepared = state.prepared(DedupSignature.self, by: name) ?? signature(of: state.text)
        let id = state.document.id
        let deferred = holdsDocuments
        // Left in the state unless replaced: freed with the document on the worker that made
        // it, not here (a free from another thread takes the allocating arena's lock).
        if deferred { state.setPrepared(nil, for: name) }
        let match = index.withLock { slot -> DuplicateMatch? in
            precondition(slot != nil, "DedupStage.decide before begin()")
            let (match, entry, copy) = decide(id: id, prepared, in: slot!, stored: nil)
            if deferred { state.setPrepared(DeferredEntry(entry: entry, copy: copy, exact: match?.exact ?? false), for: name) }
            return deferred ? nil : match
        }
        if let match { Self.drop(&report, match) }
        return report
    }

    /// Indexes one document and returns its match (the root of its cluster) and its entry
    /// (or, when it was not indexed as a copy of the same text or shingle set, that entry).
    /// A document that is not an exact copy has its set put in a resumable run's staged store
    /// before it is compared, unless it is there already at `stored` (`replay`); other stores
    /// get the sets of the documents indexed only.
    private func decide(id: String, _ doc: DedupSignature, in index: DedupIndex, stored: UInt64?) -> (DuplicateMatch?, Int32, Bool) {
        // The document's shingle set, made once in the thread's hash set for all its comparisons.
        var set: UInt64 = 0
        func similarity(_ entry: Int32, atLeast threshold: Double = 0) -> Double {
            index.similarity(doc, entry, atLeast: threshold, set: &set)
        }
        if options.exact, let twin = index.exactMatch(doc.exactHash) {
            let root = index.find(twin)
            let similarity = root == twin ? 1 : similarity(root)
            return (DuplicateMatch(duplicateOf: index.ids[Int(root)], similarity: similarity, exact: true), twin, true)
        }
        var offset = stored
        if offset == nil, let store = index.store, store.isStaged, !doc.bandKeys.isEmpty {
            offset = store.append(doc.shingles, sorted: doc.shinglesSorted)
        }
        var matches: [(entry: Int32, similarity: Double)] = []
        if !doc.bandKeys.isEmpty {
            for candidate in index.candidates(doc.bandKeys) where index.canReach(doc, candidate, threshold: options.threshold) {
                let similarity = similarity(candidate, atLeast: options.threshold)
                if similarity >= options.threshold {
                    matches.append((candidate, similarity))
                    onPair?(index.ids[Int(candidate)], id, similarity)
                }
            }
        }
        guard let first = matches.first else {
            return (nil, index.insert(id: id, signature: doc, shingleOffset: offset), false)
        }
        for m in matches.dropFirst() { index.union(first.entry, m.entry) }
        let root = index.find(first.entry)
        let similarity = matches.first(where: { $0.entry == root })?.similarity ?? similarity(root)
        let match = DuplicateMatch(duplicateOf: index.ids[Int(root)], similarity: similarity, exact: false)
        // A document with the same shingle set as a member adds nothing to the index.
        if let same = matches.first(where: { $0.similarity >= 1 }) { return (match, same.entry, true) }
        return (match, index.insert(id: id, signature: doc, cluster: root, shingleOffset: offset), false)
    }

    /// `keep: longest`: once every document was decided, keeps the longest of each cluster
    /// (the earliest on ties; a document of a loaded index stays kept) and drops the others.
    public func settle(_ states: inout [DocumentState]) {
        index.withLock { slot in
            guard let index = slot else { return }
            var best: [Int32: Int32] = [:]
            let firstNew = Int32(index.loadedCount)
            for e in 0..<Int32(index.count) {
                let root = index.find(e)
                guard let current = best[root] else { best[root] = e; continue }
                if current < firstNew { continue }
                if e < firstNew || index.lengths[Int(e)] > index.lengths[Int(current)] { best[root] = e }
            }
            for i in states.indices {
                guard let deferred = states[i].prepared(DeferredEntry.self, by: name) else { continue }
                states[i].setPrepared(nil, for: name)
                let kept = best[index.find(deferred.entry)] ?? deferred.entry
                guard kept != deferred.entry || deferred.copy else { continue }
                var report = StageReport(stage: name)
                let similarity = kept == deferred.entry ? 1 : index.pairSimilarity(deferred.entry, kept)
                Self.drop(&report, DuplicateMatch(duplicateOf: index.ids[Int(kept)], similarity: similarity,
                                                  exact: deferred.exact && kept == deferred.entry))
                if states[i].reports.last?.stage == name { states[i].reports.removeLast() }
                states[i].record(report)
            }
        }
    }

    private static func drop(_ report: inout StageReport, _ match: DuplicateMatch) {
        report.duplicate = match
        report.dropReason = .duplicate(exact: match.exact)
        report.dropDetail = "duplicate of \(match.duplicateOf)"
    }
}
