import CorpusCleanCore
import CTextKit
import Foundation

/// A naive-Bayes model over character 1–4-grams of words (padded with a space at each end) and whole words,
/// trained on gettext translations of Debian packages (see scripts/language-model/): the
/// second opinion on short text, where CLD2 has too little to go on.
public struct NgramModel: Sendable {
    /// ISO 639-1 codes of the modelled languages.
    public let languages: [String]
    /// The answers of `languages` (`LanguageCodes.iso`: Serbian Latin answers `sr`), each once;
    /// per language, its place there; and the place of each answer.
    let answers: (codes: [String], slots: [Int], slot: [String: Int])
    /// Cost of an n-gram a language never had, in tenths of a natural log.
    let floors: [Int32]
    /// Keys whose hash has top 16 bits `b` are `slots[bucket[b]..<bucket[b + 1]]`.
    let bucket: [UInt32]
    /// Per key: bits 0–31 of its n-gram's hash, and above them the index of its first entry;
    /// the entries of slot `i` end where those of slot `i + 1` start (a last slot closes the list).
    /// One array, so that a look-up touches one cache line where three arrays cost three misses.
    let slots: [UInt64]
    /// Per entry: language index in the low byte, cost (tenths of a nat) in the high byte.
    let entries: [UInt16]
    /// Per language, whether its training text gave it fewer n-grams than `thinShare` of the
    /// fullest language's (the generator keeps up to 10,000 a language): a few hundred messages (Yoruba,
    /// Tagalog, Tsonga, Kinyarwanda...), whose costs say more about the catalogs than the
    /// language. The re-ranking leaves such a language to CLD2's share, as one the model lacks.
    public let thin: [Bool]
    /// Gettext domains of the training catalogs, which an evaluation must leave out.
    public let trainingDomains: Set<String>
    /// The languages of the close groups (bs/hr/sr, id/ms, da/nb/nn) laid out densely: a
    /// long text in one of them is scored for them alone. The compiled-in model's are read
    /// from the compiled-in rows (Sources/CTextKit/language_close_rows.bin, written by
    /// scripts/language-model/close-rows.py) when a text first asks for them, where building
    /// them cost 26 M instructions; built when those rows are another model's.
    public var closeRows: Subset { ownCloseRows ?? Self.embeddedCloseRows }
    /// The close rows of a model not read from the compiled-in bytes.
    private var ownCloseRows: Subset?
    private static let embeddedCloseRows = shipped.map { model in compiledCloseRows() ?? model.subset(closeLanguages) }
        ?? Subset(languages: [], table: SubsetTable(width: 0, keys: []) { _, _ in })

    /// The compiled-in close rows; nil when they were written from another model than the
    /// compiled-in one (its header and length differ) or are not of the format.
    static func compiledCloseRows() -> Subset? {
        var rowsLength = 0, modelLength = 0
        guard let rows = ctk_language_close_rows(&rowsLength), let model = ctk_language_model(&modelLength),
              rowsLength >= 52, modelLength >= 24 else { return nil }
        let raw = UnsafeRawPointer(rows)
        func u32(_ at: Int) -> Int { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
        guard memcmp(raw, "CCROWS01", 8) == 0, memcmp(raw + 8, model, 24) == 0, u32(32) == modelLength else { return nil }
        let width = u32(36), slots = u32(40), stride = u32(44)
        let table = 52 + 4 * width
        guard width > 0, stride >= 8, slots > 1, slots & (slots - 1) == 0, table % 8 == 0,
              rowsLength == table + slots * stride else { return nil }
        let languages = (0..<width).map { u32(52 + 4 * $0) }
        return Subset(languages: languages, table: SubsetTable(width: width, slots: slots, stride: stride, bytes: raw + table))
    }
    /// Model codes of the close groups' languages.
    static let closeLanguages = ["bs", "hr", "sr", "sr-Latn", "id", "ms", "da", "nb", "nn"]

    /// The model compiled into the binary (Sources/CTextKit/language_model.bin), read once.
    public static let shipped: NgramModel? = embedded()

    /// Reads the model compiled into the binary.
    public static func embedded() -> NgramModel? {
        var length = 0
        guard let bytes = ctk_language_model(&length) else { return nil }
        return NgramModel(binary: UnsafeRawBufferPointer(start: bytes, count: length), closeRows: false)
    }

    /// Reads the generator's binary format (see `write_binary` in
    /// scripts/language-model/generate.py); nil when it is not one.
    public init?(binary: UnsafeRawBufferPointer) {
        self.init(binary: binary, closeRows: true)
    }

    /// `init(binary:)`, building the close rows now or (for the compiled-in model, whose rows
    /// `embeddedCloseRows` holds) not.
    private init?(binary: UnsafeRawBufferPointer, closeRows: Bool) {
        var at = 0
        // Copied with loops over raw memory: mapping ranges element by element cost 100 M
        // instructions, a fifth of a one-document run.
        func u32s(_ count: Int) -> [UInt32]? {
            guard count >= 0, at + 4 * count <= binary.count else { return nil }
            defer { at += 4 * count }
            let source = binary.baseAddress! + at
            return [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count { buffer[i] = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
                initialized = count
            }
        }
        func bytes(_ count: Int, align: Bool = false) -> [UInt8]? {
            guard count >= 0, at + count <= binary.count else { return nil }
            defer { at += align ? (count + 3) & ~3 : count }
            let source = binary.baseAddress! + at
            return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: source, byteCount: count) }
                initialized = count
            }
        }
        // The keys, their starts and the entries' bytes are packed from the binary's bytes, where
        // copies of them first took as much fresh memory again (its page faults and its writes).
        func place(_ size: Int) -> UnsafeRawPointer? {
            guard size >= 0, at + size <= binary.count else { return nil }
            defer { at += size }
            return binary.baseAddress! + at
        }
        func u32(_ base: UnsafeRawPointer, _ i: Int) -> UInt32 {
            UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
        }
        guard binary.count >= 24, bytes(8).map({ String(decoding: $0, as: UTF8.self) }) == "CCNGRAM1",
              let header = u32s(4), let text = bytes(Int(header[3]), align: true),
              let floors = bytes(Int(header[0]), align: true), let bucket = u32s(65537) else { return nil }
        let keyCount = Int(header[1]), entryCount = Int(header[2])
        guard let keys = place(4 * keyCount), let starts = place(4 * (keyCount + 1)),
              let entryLanguage = place(entryCount), let entryCost = place(entryCount),
              bucket.last == header[1], u32(starts, keyCount) == header[2] else { return nil }
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        languages = lines[0].split(separator: " ").map(String.init)
        answers = Self.answers(of: languages)
        trainingDomains = Set(lines.dropFirst().first?.split(separator: " ").map(String.init) ?? [])
        let languageBytes = UnsafeBufferPointer(start: entryLanguage.assumingMemoryBound(to: UInt8.self), count: entryCount)
        var counts = [Int](repeating: 0, count: floors.count)
        for language in languageBytes {
            guard Int(language) < counts.count else { return nil }
            counts[Int(language)] += 1
        }
        guard languages.count == floors.count else { return nil }
        thin = Self.thin(counts)
        self.floors = floors.map(Int32.init)
        self.bucket = bucket
        (slots, entries) = Self.packed(keys: keys, starts: starts, keyCount: keyCount, entryLanguage: entryLanguage,
                                       entryCost: entryCost, entryCount: entryCount)
        if closeRows { ownCloseRows = subset(Self.closeLanguages) }
    }

    /// The share of the fullest language's n-grams under which a language is thin. The
    /// generator keeps up to 10,000 a language and 86 of 98 reach it; the 12 thin ones keep
    /// 2,095 (Tagalog) to 9,046 (Turkmen). 0.95 lies between them with room on both sides, so a
    /// retrain that leaves a full language a few n-grams short (9,990) does not make it thin.
    static let thinShare = 0.95

    /// `thin` of languages with `counts` n-grams each.
    static func thin(_ counts: [Int]) -> [Bool] {
        let fullest = Double(counts.max() ?? 0)
        return counts.map { Double($0) < thinShare * fullest }
    }

    /// `answers` of the model languages `languages`.
    private static func answers(of languages: [String]) -> (codes: [String], slots: [Int], slot: [String: Int]) {
        var codes: [String] = [], slot: [String: Int] = [:]
        let slots = languages.map { language in
            let code = LanguageCodes.iso(language)
            if let known = slot[code] { return known }
            slot[code] = codes.count
            codes.append(code)
            return codes.count - 1
        }
        return (codes, slots, slot)
    }

    /// The look-up layout of the file's parallel arrays: `keyCount` keys and `keyCount + 1`
    /// starts (little-endian 32-bit), `entryCount` languages and costs (bytes).
    private static func packed(keys: UnsafeRawPointer, starts: UnsafeRawPointer, keyCount: Int,
                               entryLanguage: UnsafeRawPointer, entryCost: UnsafeRawPointer,
                               entryCount: Int) -> (slots: [UInt64], entries: [UInt16]) {
        func u32(_ base: UnsafeRawPointer, _ i: Int) -> UInt64 {
            UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
        }
        let slots = [UInt64](unsafeUninitializedCapacity: keyCount + 1) { slots, initialized in
            for i in 0..<keyCount { slots[i] = u32(starts, i) << 32 | u32(keys, i) }
            slots[keyCount] = u32(starts, keyCount) << 32
            initialized = keyCount + 1
        }
        let entries = [UInt16](unsafeUninitializedCapacity: entryCount) { entries, initialized in
            let language = entryLanguage.assumingMemoryBound(to: UInt8.self), cost = entryCost.assumingMemoryBound(to: UInt8.self)
            for i in 0..<entryCount { entries[i] = UInt16(language[i]) | UInt16(cost[i]) << 8 }
            initialized = entryCount
        }
        return (slots, entries)
    }

    /// `packed(keys:starts:keyCount:entryLanguage:entryCost:entryCount:)` of arrays.
    private static func packed(keys: [UInt32], starts: [UInt32], entryLanguage: [UInt8],
                               entryCost: [UInt8]) -> (slots: [UInt64], entries: [UInt16]) {
        precondition(starts.count == keys.count + 1 && entryCost.count == entryLanguage.count)
        let littleKeys = keys.map(\.littleEndian), littleStarts = starts.map(\.littleEndian)
        return littleKeys.withUnsafeBytes { keyBytes in
            littleStarts.withUnsafeBytes { startBytes in
                entryLanguage.withUnsafeBytes { languageBytes in
                    entryCost.withUnsafeBytes { costBytes in
                        packed(keys: keyBytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, starts: startBytes.baseAddress!,
                               keyCount: keys.count, entryLanguage: languageBytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!,
                               entryCost: costBytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, entryCount: entryLanguage.count)
                    }
                }
            }
        }
    }

    /// A model from n-grams and their cost per language (tenths of a nat), laid out as the
    /// binary format is.
    init(languages: [String], floor: Int32, costs: [String: [String: Int]]) {
        var table: [(key: UInt64, entries: [(UInt8, UInt8)])] = costs.map { gram, perLanguage in
            let entries = perLanguage.map { (UInt8(languages.firstIndex(of: $0.key)!), UInt8($0.value)) }
            return (Self.hash(gram.unicodeScalars), entries.sorted { $0.0 < $1.0 })
        }
        table.sort { ($0.key >> 48, UInt32(truncatingIfNeeded: $0.key)) < ($1.key >> 48, UInt32(truncatingIfNeeded: $1.key)) }
        var bucket = [UInt32](repeating: 0, count: 65537)
        var starts: [UInt32] = [], entryLanguage: [UInt8] = [], entryCost: [UInt8] = []
        for (key, entries) in table {
            bucket[Int(key >> 48) + 1] += 1
            starts.append(UInt32(entryLanguage.count))
            entryLanguage += entries.map(\.0)
            entryCost += entries.map(\.1)
        }
        starts.append(UInt32(entryLanguage.count))
        for b in 1..<bucket.count { bucket[b] += bucket[b - 1] }
        self.languages = languages
        answers = Self.answers(of: languages)
        thin = Self.thin(languages.indices.map { i in entryLanguage.count { Int($0) == i } })
        floors = Array(repeating: floor, count: languages.count)
        self.bucket = bucket
        (slots, entries) = Self.packed(keys: table.map { UInt32(truncatingIfNeeded: $0.key) }, starts: starts,
                                       entryLanguage: entryLanguage, entryCost: entryCost)
        trainingDomains = []
        ownCloseRows = subset(Self.closeLanguages)
    }

    /// Mean cost per n-gram of `text` for each language (lower is likelier), and the
    /// number of n-grams; nil when the text has no letters.
    ///
    /// Words are runs of letters and marks of the lowercased text (each scalar's full
    /// lowercase mapping, as `String.lowercased()` gives it), padded with a space at each end.
    public func costs(_ text: String) -> (costs: [Double], ngrams: Int)? {
        var text = text
        return text.withUTF8 { costs(utf8: $0) }
    }

    /// `costs(_:)` of UTF-8 `bytes`.
    public func costs(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (costs: [Double], ngrams: Int)? {
        var total = [Int32](repeating: 0, count: languages.count)
        let count = total.withUnsafeMutableBufferPointer { total in
            bucket.withUnsafeBufferPointer { bucket in
                slots.withUnsafeBufferPointer { slots in
                    entries.withUnsafeBufferPointer { entries in
                        floors.withUnsafeBufferPointer { floors in
                            let sink = EntrySink(bucket: bucket, slots: slots, entries: entries, floors: floors, total: total)
                            return Self.accumulate(bytes, into: sink)
                        }
                    }
                }
            }
        }
        guard count > 0 else { return nil }
        let costs = (0..<languages.count).map { Double(total[$0]) / Double(count) + Double(floors[$0]) }
        return (costs, count)
    }

    /// As `costs(_:)` for the languages of `subset` alone, the others at +infinity: a few
    /// languages read from one dense row per n-gram, in a table of the n-grams they had,
    /// instead of every language's entry.
    public func costs(_ text: String, subset: Subset) -> (costs: [Double], ngrams: Int)? {
        var text = text
        return text.withUTF8 { costs(utf8: $0, subset: subset) }
    }

    /// `costs(_:subset:)` of UTF-8 `bytes`.
    public func costs(utf8 bytes: UnsafeBufferPointer<UInt8>, subset: Subset) -> (costs: [Double], ngrams: Int)? {
        let width = subset.languages.count
        var total = [Int32](repeating: 0, count: width)
        let floors = subset.languages.map { self.floors[$0] }
        let count = total.withUnsafeMutableBufferPointer { total in
            subset.table.words.withUnsafeBytes { slots in
                floors.withUnsafeBufferPointer { floors in
                    let sink = RowSink(slots: slots.baseAddress!, mask: subset.table.mask, shift: subset.table.shift,
                                       stride: subset.table.stride, floors: floors, total: total)
                    return Self.accumulate(bytes, into: sink)
                }
            }
        }
        guard count > 0 else { return nil }
        var costs = [Double](repeating: .infinity, count: languages.count)
        for (i, language) in subset.languages.enumerated() {
            costs[language] = Double(total[i]) / Double(count) + Double(floors[i])
        }
        return (costs, count)
    }

    /// A few languages' costs laid out densely: one row per key that any of them had.
    public struct Subset: Sendable {
        /// Indices into the model's languages.
        public let languages: [Int]
        /// Per key, the cost of each language of the subset; 0 where it never had the n-gram.
        let table: SubsetTable
    }

    /// The dense rows of the languages named by `codes` (model codes such as `sr-Latn`).
    public func subset(_ codes: [String]) -> Subset {
        let chosen = codes.compactMap { languages.firstIndex(of: $0) }
        var columns = [Int](repeating: -1, count: languages.count)
        for (i, language) in chosen.enumerated() { columns[language] = i }
        let column = columns
        // The keys with an entry of a chosen language, where the scan would find them: the
        // first key of their bucket with their low 32 bits.
        var keys: [(key: UInt64, index: Int)] = []
        // Over raw buffers: the bounds checks of this walk over every key cost 10 M instructions at start-up.
        bucket.withUnsafeBufferPointer { bucket in
            slots.withUnsafeBufferPointer { slots in
                entries.withUnsafeBufferPointer { entries in
                    column.withUnsafeBufferPointer { column in
                        for b in 0..<(bucket.count - 1) {
                            let first = Int(bucket[b]), end = Int(bucket[b + 1])
                            for key in first..<end {
                                var chosenEntry = false
                                for e in Int(slots[key] >> 32)..<Int(slots[key + 1] >> 32) where column[Int(entries[e] & 0xFF)] >= 0 {
                                    chosenEntry = true
                                    break
                                }
                                guard chosenEntry else { continue }
                                let low = UInt32(truncatingIfNeeded: slots[key])
                                guard (first..<key).allSatisfy({ UInt32(truncatingIfNeeded: slots[$0]) != low }) else { continue }
                                keys.append((UInt64(b) << 32 | UInt64(low), key))
                            }
                        }
                    }
                }
            }
        }
        let found = keys
        let table = SubsetTable(width: chosen.count, keys: found.map(\.key)) { n, row in
            let key = found[n].index
            for e in Int(slots[key] >> 32)..<Int(slots[key + 1] >> 32) {
                let c = column[Int(entries[e] & 0xFF)]
                if c >= 0 { row.storeBytes(of: max(1, UInt8(entries[e] >> 8)), toByteOffset: c, as: UInt8.self) }
            }
        }
        return Subset(languages: chosen, table: table)
    }

    /// Adds the cost of every n-gram of UTF-8 `bytes` through `sink`; returns the n-grams counted.
    private static func accumulate<Sink: NgramSink>(_ bytes: UnsafeBufferPointer<UInt8>, into sink: Sink) -> Int {
        let table = WordCharacterTable.shared
        var grams = WordGrams(sink: sink)
        defer { grams.deallocate() }
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b >= 0x61 && b <= 0x7A { grams.append(UInt32(b)) } else if b >= 0x41 && b <= 0x5A { grams.append(UInt32(b | 0x20)) } else { grams.flush() }
                i += 1
                continue
            }
            let length = UTF8Decoding.length(lead: b)
            guard i + length <= n else { break }
            let v = UTF8Decoding.value(bytes, at: i, length: length)
            if table.role(v) == .upper {
                if let lower = table.lowercase(of: v) {
                    grams.take(lower, table)
                } else {
                    table.lowercased(v) { grams.take($0, table) }
                }
            } else {
                grams.take(v, table)
            }
            i += length
        }
        grams.flush()
        grams.drain()
        return grams.count
    }

    /// FNV-1a over the scalar values, the same on both sides of the model file.
    static func hash<S: Sequence>(_ scalars: S) -> UInt64 where S.Element == Unicode.Scalar {
        scalars.reduce(FNV1a.basis) { FNV1a.step($0, $1.value) }
    }
}
