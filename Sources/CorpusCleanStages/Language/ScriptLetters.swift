import CorpusCleanCore
import CTextKit

/// Letters of a text per ISO 15924 script as the script prior weighs them (an ideograph, kana
/// or Hangul syllable counts as three letters): one pass in C, then the few scripts met in a
/// short list, where a dictionary keyed by script names cost more than the count itself.
struct ScriptLetters {
    /// Weighted letters of each script met, by ISO 15924 name (one row a name), with the
    /// first UScriptCode below `codes` of that name (-1 for a name of none).
    var named: [(name: String, count: Int, code: Int)] {
        (0..<rowCount).map { (Self.names[Int(rows[$0].code)], rows[$0].count, Int(rows[$0].code)) } + extra
    }
    /// The first rows, by the first UScriptCode of their name: inline, where an array cost an
    /// allocation a text.
    private var rows = InlineArray<8, (code: Int16, count: Int)>(repeating: (0, 0))
    private var rowCount = 0
    /// The rows past the first eight, and those of names of no code below `codes`.
    private var extra: [(name: String, count: Int, code: Int)] = []
    /// All weighted letters.
    private(set) var total = 0
    /// All letters, unweighted.
    private(set) var letters = 0
    /// Weighted letters of kana (Hiragana and Katakana), of Han and of Hangul: the CJK
    /// evidence, summed as the scripts are met.
    private(set) var kana = 0, han = 0, hangul = 0

    /// Calls `body` with the name and weighted letters of each row (as `named` lists them).
    func forEachRow(_ body: (String, Int) -> Void) {
        for i in 0..<rowCount { body(Self.names[Int(rows[i].code)], rows[i].count) }
        for row in extra { body(row.name, row.count) }
    }

    /// Script codes the histogram counts (ICU's UScriptCode below this).
    private static let codes = 256
    /// ISO 15924 name of each UScriptCode below `codes`.
    private static let names: [String] = (0..<codes).map { Script.isoCode(Int32($0)) }
    /// Weight of a letter of each UScriptCode below `codes`.
    private static let weights: [Int] = names.map(weight(of:))
    /// Per UScriptCode below `codes`, the first code of its name: rows met by code are told
    /// apart by it, as rows are by name.
    private static let firsts: [Int] = names.indices.map { names.firstIndex(of: names[$0])! }
    /// Which CJK sum a letter of each UScriptCode below `codes` adds to: 1 kana, 2 Han, 3 Hangul, else 0.
    private static let cjkSums: [UInt8] = names.map(cjkSum(of:))

    /// `cjkSums`' value of the script named `name`.
    private static func cjkSum(of name: String) -> UInt8 {
        switch name {
        case "Hira", "Kana": 1
        case "Hani": 2
        case "Hang": 3
        default: 0
        }
    }

    /// Weight of a letter of the script named `name`: an ideograph or syllable (the CJK
    /// scripts) carries about as much as a three-letter word.
    private static func weight(of name: String) -> Int {
        cjkSum(of: name) != 0 ? 3 : 1
    }

    /// The letters of UTF-8 `utf8`.
    init(utf8 buf: UnsafeBufferPointer<UInt8>) {
        guard let base = buf.baseAddress, buf.count > 0 else { return }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.codes) { counts in
            counts.initialize(repeating: 0)
            let found = ctk_script_histogram(UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(buf.count),
                                             counts.baseAddress, Int32(Self.codes))
            guard found > 0 else { return }
            // A few scripts of the 256 are met: eight counts at a time (four pairs), skipping zero blocks.
            let raw = UnsafeRawPointer(counts.baseAddress!)
            for block in 0..<Self.codes / 8 {
                let at = 32 * block
                let any = raw.loadUnaligned(fromByteOffset: at, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: at + 24, as: UInt64.self)
                guard any != 0 else { continue }
                for code in 8 * block..<8 * block + 8 where counts[code] > 0 { add(code: code, Int(counts[code])) }
            }
        }
    }

    /// The letters of per-script counts (UScriptCode to letters).
    init(counts: [Int32: Int]) {
        for (code, n) in counts.sorted(by: { $0.key < $1.key }) {
            if code >= 0, code < Self.codes {
                add(code: Int(code), n)
            } else {
                let name = Script.isoCode(code)
                add(name: name, n, weight: Self.weight(of: name))
            }
        }
    }

    /// Adds the letters of a UScriptCode below `codes`: its row found by code and its CJK sum
    /// from a table, where comparing names cost more than the histogram's letters.
    private mutating func add(code: Int, _ n: Int) {
        let first = Self.firsts[code], weighted = Self.weights[code] * n
        if let row = (0..<rowCount).first(where: { Int(rows[$0].code) == first }) {
            rows[row].count += weighted
        } else if let row = extra.firstIndex(where: { $0.code == first }) {
            extra[row].count += weighted
        } else if rowCount < rows.count {
            rows[rowCount] = (Int16(first), weighted)
            rowCount += 1
        } else {
            extra.append((Self.names[code], weighted, first))
        }
        count(n, weight: Self.weights[code], cjk: Self.cjkSums[code])
    }

    private mutating func add(name: String, _ n: Int, weight: Int) {
        if let row = (0..<rowCount).first(where: { Self.names[Int(rows[$0].code)] == name }) {
            rows[row].count += weight * n
        } else if let row = extra.firstIndex(where: { $0.name == name }) {
            extra[row].count += weight * n
        } else {
            extra.append((name, weight * n, Self.names.firstIndex(of: name) ?? -1))
        }
        count(n, weight: weight, cjk: Self.cjkSum(of: name))
    }

    private mutating func count(_ n: Int, weight: Int, cjk: UInt8) {
        total += weight * n
        letters += n
        switch cjk {
        case 1: kana += weight * n
        case 2: han += weight * n
        case 3: hangul += weight * n
        default: break
        }
    }
}
