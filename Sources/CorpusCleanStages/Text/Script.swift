import CorpusCleanCore
import CTextKit

/// Script of code points through ICU's uscript.
public enum Script {
    /// UScriptCode values used here.
    public static let common: Int32 = 0
    public static let inherited: Int32 = 1
    public static let unknown: Int32 = 103

    /// ICU's UScriptCode of a scalar; ASCII is answered without calling ICU.
    @inline(__always)
    public static func code(of scalar: Unicode.Scalar) -> Int32 {
        let v = scalar.value
        if v < 0x80 {
            let isLetter = (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
            return isLetter ? 25 : common
        }
        return ctk_script(v)
    }

    /// ISO 15924 short name of a UScriptCode ("Latn", "Cyrl", "Hani"...).
    public static func isoCode(_ code: Int32) -> String {
        guard let name = ctk_script_code(code) else { return "Zzzz" }
        return String(cString: name)
    }

    /// Letters per script in `text`, ignoring Common and Inherited.
    public static func histogram(_ text: Substring) -> [Int32: Int] {
        var counts: [Int32: Int] = [:]
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            let s = code(of: scalar)
            if s != common && s != inherited { counts[s, default: 0] += 1 }
        }
        return counts
    }

    /// The script with the most letters in `text`, or nil when it has none.
    /// Han, Hiragana and Katakana count together as Japanese when kana are present.
    public static func dominant(_ text: Substring) -> (script: Int32, share: Double)? {
        let counts = histogram(text)
        let total = counts.values.reduce(0, +)
        guard total > 0 else { return nil }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!
        return (best.key, Double(best.value) / Double(total))
    }

    /// Letters per script of `text` in one pass over its UTF-8 (ICU in C), ignoring Common
    /// and Inherited; the same counts as `histogram`, much faster on long text.
    public static func letterCounts(_ text: String) -> [Int32: Int] {
        var text = text
        return text.withUTF8 { buf -> [Int32: Int] in
            guard let base = buf.baseAddress, buf.count > 0 else { return [:] }
            var counts = [Int32](repeating: 0, count: 256)
            let total = counts.withUnsafeMutableBufferPointer { c in
                ctk_script_histogram(UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(buf.count),
                                     c.baseAddress, Int32(c.count))
            }
            guard total > 0 else { return [:] }
            var result: [Int32: Int] = [:]
            for (script, n) in counts.enumerated() where n > 0 { result[Int32(script)] = Int(n) }
            return result
        }
    }
}
