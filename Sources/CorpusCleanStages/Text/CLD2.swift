import CorpusCleanCore
import CTextKit

/// Compact Language Detector 2 (Debian's libcld2 with its full tables).
public enum CLD2 {
    /// CLD2's raw answer for a text.
    public struct Detection: Sendable {
        /// The top three languages: code, share of the text, normalized score and CLD2's
        /// Language number (an index of `codes`).
        public let languages: [(code: String, percent: Int, score: Double, language: Int)]
        public let reliable: Bool
        public let textBytes: Int
        /// Byte spans of the input, their language codes and CLD2's Language numbers.
        public let chunks: [(offset: Int, length: Int, code: String, language: Int)]
    }

    /// The code of each CLD2 Language number, as `detect` answers it: taken from here rather
    /// than made from C text on every answer.
    public static let codes: [String] = (0..<Int(ctk_cld2_language_count())).map { index in
        var code: UInt64 = 0
        return withUnsafeMutableBytes(of: &code) { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            ctk_cld2_language_code(Int32(index), base)
            return String(cString: base)
        }
    }

    /// Detects the languages of UTF-8 plain text.
    public static func detect(_ text: String, bestEffort: Bool, hint: String? = nil, spans: Bool = true) -> Detection {
        text.withUTF8Bytes { detect(utf8: $0, bestEffort: bestEffort, hint: hint, spans: spans) }
    }

    /// The spans `detect` takes at most: an inline array on the stack.
    typealias Chunks = InlineArray<64, ctk_lang_chunk>
    /// Spans CLD2 reports at most.
    static let chunkCapacity = Chunks.count

    /// Detects the languages of valid UTF-8 plain text given as bytes, which a NUL must follow
    /// in memory (as one follows a Swift string's bytes): CLD2 reads a character past the end.
    public static func detect(utf8 buf: UnsafeBufferPointer<UInt8>, bestEffort: Bool, hint: String? = nil,
                              spans: Bool = true) -> Detection {
        var result = ctk_lang_result()
        let empty: StaticString = ""
        let ptr = UnsafeRawPointer(buf.baseAddress ?? empty.utf8Start).assumingMemoryBound(to: CChar.self)
        // On the stack in an inline array: `withUnsafeTemporaryAllocation` takes the heap for
        // more than 1 KB, and 64 spans take 1,280 bytes.
        var chunkArray = Chunks(repeating: ctk_lang_chunk())
        var chunkSpan = chunkArray.mutableSpan
        return chunkSpan.withUnsafeMutableBufferPointer { chunks in
            ctk_detect_language(ptr, Int32(buf.count), bestEffort ? 1 : 0, hint, &result,
                                spans ? chunks.baseAddress : nil, Int32(chunks.count))
            // Built in place: the per-field arrays and closures of a map cost more than the strings.
            // The C text only for a number outside the table (none that CLD2 gives).
            let codes = Self.codes
            func code<Text>(_ language: Int, _ text: Text) -> String {
                codes.indices.contains(language)
                    ? codes[language]
                    : withUnsafeBytes(of: text) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            }
            var languages: [(code: String, percent: Int, score: Double, language: Int)] = []
            languages.reserveCapacity(3)
            let l0 = Int(result.language.0), l1 = Int(result.language.1), l2 = Int(result.language.2)
            languages.append((code(l0, result.code.0), Int(result.percent.0), result.normalized_score.0, l0))
            languages.append((code(l1, result.code.1), Int(result.percent.1), result.normalized_score.1, l1))
            languages.append((code(l2, result.code.2), Int(result.percent.2), result.normalized_score.2, l2))
            let count = spans ? min(Int(result.chunk_count), chunks.count) : 0
            var spanList: [(offset: Int, length: Int, code: String, language: Int)] = []
            spanList.reserveCapacity(count)
            for i in 0..<count {
                let c = chunks[i]
                let language = Int(c.language)
                spanList.append((Int(c.offset), Int(c.length), code(language, c.code), language))
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
