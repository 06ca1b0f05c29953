import CorpusCleanCore
import CTextKit
#if canImport(Glibc)
import Glibc
#endif

/// ICU's Normalizer2 on UTF-8 text.
public enum UnicodeNormalizer {
    /// Returns `text` in `form`; text already in that form (all ASCII, say) is returned as is.
    public static func normalize(_ text: String, form: NormalizationForm) -> String {
        guard let ctkForm = form.ctkForm else { return text }
        var text = text
        return text.withUTF8 { buf -> String in
            if buf.allSatisfy({ $0 < 0x80 }) && form != .nfkcCasefold { return String(decoding: buf, as: UTF8.self) }
            let base = UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self)
            if ctk_is_normalized(ctkForm, base, Int32(buf.count)) == 1 {
                return String(decoding: buf, as: UTF8.self)
            }
            var out: UnsafeMutablePointer<CChar>?
            var outLen: Int32 = 0
            guard ctk_normalize(ctkForm, base, Int32(buf.count), &out, &outLen) == 0, let out else {
                return String(decoding: buf, as: UTF8.self)
            }
            defer { ctk_free(out) }
            return String(decoding: UnsafeRawBufferPointer(start: out, count: Int(outLen)), as: UTF8.self)
        }
    }

    /// `text` in `form`, or nil when it already is (ICU's quick check, then a byte compare).
    public static func normalizedIfChanged(_ text: String, form: NormalizationForm) -> String? {
        guard let ctkForm = form.ctkForm else { return nil }
        var text = text
        return text.withUTF8 { buf -> String? in
            guard let base = UnsafeRawPointer(buf.baseAddress)?.assumingMemoryBound(to: CChar.self),
                  ctk_is_normalized(ctkForm, base, Int32(buf.count)) != 1 else { return nil }
            var out: UnsafeMutablePointer<CChar>?
            var outLen: Int32 = 0
            guard ctk_normalize(ctkForm, base, Int32(buf.count), &out, &outLen) == 0, let out else { return nil }
            defer { ctk_free(out) }
            if Int(outLen) == buf.count && memcmp(out, base, buf.count) == 0 { return nil }
            // ICU writes well-formed UTF-8; the vector check costs less than the standard
            // library's decoding.
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(out).assumingMemoryBound(to: UInt8.self), count: Int(outLen))
            return UTF8Validation.string(bytes) ?? String(decoding: bytes, as: UTF8.self)
        }
    }
}
