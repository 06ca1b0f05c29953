import CTextKit

/// ICU charset detection and conversion for input that is not UTF-8.
public enum CharsetDetector {
    /// ICU's best guess and its confidence (0...100), or nil.
    public static func detect(_ bytes: [UInt8]) -> (charset: String, confidence: Int)? {
        var name = [CChar](repeating: 0, count: 64)
        let confidence = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { ctk_detect_charset($0.baseAddress, Int32($0.count), &name, 64) }
        }
        guard confidence >= 0 else { return nil }
        let charset = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (charset, Int(confidence))
    }

    /// Every charset ICU's detector considers, best first, with its confidence (0...100).
    public static func detectAll(_ bytes: [UInt8]) -> [(charset: String, confidence: Int)] {
        let cap = 16, nameCap = 64
        var names = [CChar](repeating: 0, count: cap * nameCap)
        var confidences = [Int32](repeating: 0, count: cap)
        let count = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) {
                ctk_detect_charsets($0.baseAddress, Int32($0.count), &names, Int32(nameCap), &confidences, Int32(cap))
            }
        }
        guard count > 0 else { return [] }
        return (0..<Int(count)).map { i in
            let name = names[(i * nameCap)..<((i + 1) * nameCap)].prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return (String(decoding: name, as: UTF8.self), Int(confidences[i]))
        }
    }

    /// Converts `bytes` from `charset` to a String; returns nil when ICU cannot, and the
    /// number of characters that had to be substituted.
    public static func convert(_ bytes: [UInt8], from charset: String) -> (text: String, substitutions: Int)? {
        var out: UnsafeMutablePointer<CChar>?
        var outLen: Int32 = 0
        let substituted = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { ctk_convert_to_utf8(charset, $0.baseAddress, Int32($0.count), &out, &outLen) }
        }
        guard substituted >= 0, let out else { return nil }
        defer { ctk_free(out) }
        return (String(decoding: UnsafeRawBufferPointer(start: out, count: Int(outLen)), as: UTF8.self), Int(substituted))
    }
}
