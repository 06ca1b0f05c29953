import CorpusCleanCore
import CTextKit

/// Compact Language Detector 2 (Debian's libcld2 with its full tables).
public enum CLD2 {
    /// CLD2's raw answer for a text.
    public struct Detection: Sendable {
        public let languages: [(code: String, percent: Int, score: Double)]
        public let reliable: Bool
        public let textBytes: Int
        /// Byte spans of the input and their language codes.
        public let chunks: [(offset: Int, length: Int, code: String)]
    }

    /// Detects the languages of UTF-8 plain text.
    public static func detect(_ text: String, bestEffort: Bool, hint: String? = nil, spans: Bool = true) -> Detection {
        text.withUTF8Bytes { detect(utf8: $0, bestEffort: bestEffort, hint: hint, spans: spans) }
    }

    /// Spans CLD2 reports at most.
    static let chunkCapacity = 64

    /// Detects the languages of valid UTF-8 plain text given as bytes, which a NUL must follow
    /// in memory (as one follows a Swift string's bytes): CLD2 reads a character past the end.
    public static func detect(utf8 buf: UnsafeBufferPointer<UInt8>, bestEffort: Bool, hint: String? = nil,
                              spans: Bool = true) -> Detection {
        var result = ctk_lang_result()
        let empty: StaticString = ""
        let ptr = UnsafeRawPointer(buf.baseAddress ?? empty.utf8Start).assumingMemoryBound(to: CChar.self)
        return withUnsafeTemporaryAllocation(of: ctk_lang_chunk.self, capacity: chunkCapacity) { chunks in
            ctk_detect_language(ptr, Int32(buf.count), bestEffort ? 1 : 0, hint, &result,
                                spans ? chunks.baseAddress : nil, Int32(chunkCapacity))
            // Built in place: the per-field arrays and closures of a map cost more than the strings.
            var languages: [(code: String, percent: Int, score: Double)] = []
            languages.reserveCapacity(3)
            withUnsafeBytes(of: result.code) { raw in
                let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                languages.append((String(cString: base), Int(result.percent.0), result.normalized_score.0))
                languages.append((String(cString: base + 8), Int(result.percent.1), result.normalized_score.1))
                languages.append((String(cString: base + 16), Int(result.percent.2), result.normalized_score.2))
            }
            let count = spans ? min(Int(result.chunk_count), chunkCapacity) : 0
            var spanList: [(offset: Int, length: Int, code: String)] = []
            spanList.reserveCapacity(count)
            for i in 0..<count {
                let c = chunks[i]
                let code = withUnsafeBytes(of: c.code) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
                spanList.append((Int(c.offset), Int(c.length), code))
            }
            return Detection(languages: languages, reliable: result.reliable != 0,
                             textBytes: Int(result.text_bytes), chunks: spanList)
        }
    }

    /// CLD2's version string.
    public static var version: String { String(cString: ctk_cld2_version()) }

    /// CLD2's codes ("en", "iw", "zh-Hant", "xx-Qaai"...) of every language it recognizes in
    /// some script: the languages its tables can answer.
    public static var recognizedCodes: [String] {
        (0..<ctk_cld2_language_count()).compactMap { index in ctk_cld2_recognized_language(index).map { String(cString: $0) } }
    }

    /// CLD2's code of the language named `name` (an upper-case English name such as "ENGLISH",
    /// or a code such as "iw" or "en-US"); nil when it knows none.
    public static func code(named name: String) -> String? {
        let code = String(cString: ctk_cld2_language_for_name(name))
        return code == "un" ? nil : code
    }
}
