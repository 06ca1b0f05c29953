import CorpusCleanCore
import Foundation

/// A saved dedup index: a directory with
///
/// - `index.json`: `{"format": "corpusclean-dedup-index", "version": 3, "settings": {...}, "entries": N}`;
///   the settings (ngram, permutations, seed, bands, rows, verify) must equal the run's;
/// - `entries.bin`: per entry, little-endian: exact hash u64, cluster root i32, text bytes u32,
///   shingle count u32, shingle offset u64, and with `verify: signature` one u32 per permutation;
/// - `buckets.bin`: the LSH buckets, sorted by key: band key u64 (band hash with the band
///   number in the low 10 bits) and the last entry with it, i32;
/// - `chains.bin`: per entry and band, i32: the previous entry with the same band key, or -1;
/// - `ids.bin`: per entry, u32 byte length and the UTF-8 id;
/// - `shingles.bin` (`verify: exact`): the sorted u64 shingle hashes of the entries, back to back.
///
/// `index.json` also names the last run's input and how many entries and shingle hashes the
/// index had before it (`"last_run": {"input", "entries_before", "shingles_before"}`): a run of
/// the same input (`DedupStage.runInput`) loads the index as it was before that run.
///
/// Loading copies `shingles.bin` into a staging directory next to the index, where the run
/// appends; `stage` writes the other files there, and the run's commit swaps the directories
/// together with the output (`OutputCommit`), so a failed or killed run leaves the previous
/// index whole and never one ahead of or behind the output.
struct DedupIndexFile {
    static let format = "corpusclean-dedup-index"
    /// 3: shingles finished by a multiply-fold instead of splitmix64, one-permutation MinHash by
    /// one multiply per shingle. (2: character n-grams in scripts without spaces, FNV token
    /// hashes, one-permutation MinHash.)
    static let version = 3

    let directory: String
    let stage: DedupStage

    var staging: String { directory + ".staging-\(getpid())" }

    private var settings: JSONValue {
        .object([
            ("ngram", .number(String(stage.options.ngram))),
            ("permutations", .number(String(stage.options.permutations))),
            ("seed", .number(String(stage.options.seed))),
            ("bands", .number(String(stage.lsh.bands))),
            ("rows", .number(String(stage.lsh.rows))),
            ("verify", .string(stage.options.verify.rawValue)),
        ])
    }

    private var exactVerify: Bool { stage.options.verify == .exact }

    private func fail(_ message: String, _ path: String? = nil) -> DedupIndexError {
        DedupIndexError(path: path ?? directory, message: message)
    }

    /// The saved index, or an empty one when the directory does not exist yet.
    func load() throws(DedupIndexError) -> DedupIndex {
        do {
            return try loadIntoStaging()
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    private func loadIntoStaging() throws(DedupIndexError) -> DedupIndex {
        let files = FileManager.default
        removeStaleStaging()
        try? files.removeItem(atPath: staging)
        do {
            try files.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw fail("cannot create \(staging)")
        }
        let exists = files.fileExists(atPath: directory + "/index.json")
        var header = JSONValue.null
        if exists {
            guard let headerBytes = files.contents(atPath: directory + "/index.json"),
                  let parsed = try? JSONParser.parse(headerBytes) else { throw fail("index.json is not JSON") }
            header = parsed
        }
        // The same input as the last run's: the index as it was before that run.
        let lastRun = header["last_run"]
        let rollback = stage.runInput != nil && lastRun?["input"]?.stringValue == stage.runInput
        if exists && exactVerify {
            do {
                try files.copyItem(atPath: directory + "/shingles.bin", toPath: staging + "/shingles.bin")
            } catch {
                throw fail("cannot copy shingles.bin")
            }
            if rollback, let before = lastRun?["shingles_before"]?.doubleValue,
               truncate(staging + "/shingles.bin", off_t(before) * 8) != 0 {
                throw fail("cannot cut shingles.bin back to before the last run")
            }
        }
        let store = exactVerify ? try ShingleStore(path: staging + "/shingles.bin") : nil
        let index = stage.makeIndex(store: store)
        guard exists else { return index }

        guard header["format"]?.stringValue == Self.format else { throw fail("not a corpusclean dedup index") }
        guard header["version"]?.doubleValue == Double(Self.version) else {
            throw fail("format version \(header["version"]?.doubleValue.map { String(Int($0)) } ?? "?") is not \(Self.version)")
        }
        guard let saved = header["settings"], saved == settings else {
            throw fail("built with other dedup settings (\(describe(header["settings"]))); this run has \(describe(settings))")
        }
        guard let count = header["entries"]?.doubleValue.map(Int.init),
              let entries = files.contents(atPath: directory + "/entries.bin"),
              let ids = files.contents(atPath: directory + "/ids.bin") else { throw fail("entries.bin or ids.bin missing") }
        let bands = stage.lsh.bands, permutations = stage.options.permutations
        let entrySize = 28 + (exactVerify ? 0 : 4 * permutations)
        guard entries.count == count * entrySize,
              let buckets = files.contents(atPath: directory + "/buckets.bin"), buckets.count % 12 == 0,
              let chains = files.contents(atPath: directory + "/chains.bin"), chains.count == 4 * bands * count else {
            throw fail("entries.bin, buckets.bin or chains.bin has the wrong size")
        }
        // The sizes were checked above, so the fixed-width reads below cannot run past the end.
        let kept = rollback ? min(count, lastRun?["entries_before"]?.doubleValue.map(Int.init) ?? count) : count
        var reader = BinaryReader(Array(entries))
        var idReader = BinaryReader(Array(ids))
        for _ in 0..<kept {
            let exactHash: UInt64 = reader.integer() ?? 0
            let parent: Int32 = reader.integer() ?? 0
            let length: UInt32 = reader.integer() ?? 0
            let shingleCount: UInt32 = reader.integer() ?? 0
            let offset: UInt64 = reader.integer() ?? 0
            let signature: [UInt32] = exactVerify ? [] : (0..<permutations).map { _ in reader.integer() ?? 0 }
            guard let id = idReader.string() else { throw fail("ids.bin is truncated") }
            index.add(id: id, exactHash: exactHash, length: length, parent: parent,
                      bandKeys: [], shingleOffset: offset,
                      shingleCount: shingleCount, signature: signature)
        }
        var bucketReader = BinaryReader(Array(buckets))
        var heads = EntryTable(minimumCapacity: buckets.count / 12)
        var chainReader = BinaryReader(Array(chains))
        let savedChains: [Int32] = (0..<(bands * count)).map { _ in chainReader.integer() ?? 0 }
        for _ in 0..<(buckets.count / 12) {
            let key: UInt64 = bucketReader.integer() ?? 0
            var entry: Int32 = bucketReader.integer() ?? 0
            // Past the entries kept: the latest earlier entry of the same band key, if any.
            while entry >= Int32(kept) { entry = savedChains[Int(entry) * bands + Int(key & 0x3FF)] }
            if entry >= 0 { heads[key] = entry }
        }
        index.restoreBuckets(heads: heads, chains: Array(savedChains.prefix(bands * kept)))
        index.loadedCount = kept
        index.shinglesBefore = store?.count ?? 0
        return index
    }

    /// Writes `index` into the staging directory and returns the move that puts it in place
    /// of the directory, for the run's commit.
    func stage(_ index: DedupIndex) throws(DedupIndexError) -> CommitMove {
        let files = FileManager.default
        if !files.fileExists(atPath: staging) {
            try? files.createDirectory(atPath: staging, withIntermediateDirectories: true)
        }
        var entryWriter = BinaryWriter()
        var idWriter = BinaryWriter()
        let permutations = index.permutations
        for e in 0..<index.count {
            entryWriter.integer(index.exactHashes[e])
            entryWriter.integer(index.find(Int32(e)))
            entryWriter.integer(index.lengths[e])
            entryWriter.integer(index.shingleCounts[e])
            entryWriter.integer(index.store == nil ? 0 : index.shingleOffsets[e])
            if index.store == nil {
                for p in 0..<permutations { entryWriter.integer(index.signatures[e * permutations + p]) }
            }
            idWriter.string(index.ids[e])
        }
        var bucketWriter = BinaryWriter()
        for (key, entry) in index.heads.sortedByKey() {
            bucketWriter.integer(key)
            bucketWriter.integer(entry)
        }
        let entries = Data(entryWriter.bytes), ids = Data(idWriter.bytes), buckets = Data(bucketWriter.bytes)
        let chains = index.chains.map(\.littleEndian).withUnsafeBytes { Data($0) }
        var header = JSONWriter()
        var members: [(key: String, value: JSONValue)] = [
            ("format", .string(Self.format)), ("version", .number(String(Self.version))),
            ("settings", settings), ("entries", .number(String(index.count))),
        ]
        if let input = stage.runInput {
            members.append(("last_run", .object([
                ("input", .string(input)), ("entries_before", .number(String(index.loadedCount))),
                ("shingles_before", .number(String(index.shinglesBefore))),
            ])))
        }
        header.value(.object(members))
        index.store?.sync()
        do {
            try Data(header.bytes + [0x0A]).write(to: URL(fileURLWithPath: staging + "/index.json"))
            try entries.write(to: URL(fileURLWithPath: staging + "/entries.bin"))
            try ids.write(to: URL(fileURLWithPath: staging + "/ids.bin"))
            try buckets.write(to: URL(fileURLWithPath: staging + "/buckets.bin"))
            try chains.write(to: URL(fileURLWithPath: staging + "/chains.bin"))
        } catch {
            throw fail("cannot write: \(error)")
        }
        return CommitMove(from: staging, to: directory)
    }

    /// Removes the staging directories of runs that died (their pid is gone) before their
    /// commit, so that killed runs do not pile up copies of the index.
    func removeStaleStaging() {
        let parent = (directory as NSString).deletingLastPathComponent
        let prefix = (directory as NSString).lastPathComponent + ".staging-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.isEmpty ? "." : parent)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: (parent as NSString).appendingPathComponent(name))
            }
        }
    }

    private func describe(_ value: JSONValue?) -> String {
        guard let value else { return "none" }
        var writer = JSONWriter()
        writer.value(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
