#if canImport(Glibc)
import Glibc
#endif
import CTextKit

/// Turns the raw bytes of a text file into a String, or says why it cannot.
public struct ByteDecoder: Sendable {
    /// `input.invalid_utf8`.
    public let invalidUTF8: InvalidUTF8Policy

    public init(invalidUTF8: InvalidUTF8Policy) { self.invalidUTF8 = invalidUTF8 }

    public struct Result: Sendable {
        public let text: String
        public let error: ReadError?
        public let note: String?
    }

    public func decode(_ bytes: [UInt8]) -> Result {
        if bytes.isEmpty { return Result(text: "", error: ReadError(code: "empty", message: "empty: the file has no bytes"), note: nil) }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let charset = bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE"
            if let converted = CharsetDetector.convert(Array(bytes.dropFirst(2)), from: charset) {
                return checked(converted.text, note: "decoded as \(charset) (byte order mark)")
            }
        }
        if let reason = ByteDecoder.binaryReason(bytes) {
            return Result(text: "", error: ReadError(code: "binary", message: reason), note: nil)
        }
        if let text = UTF8Validation.string(bytes) {
            return checked(text, note: nil)
        }
        let offset = ByteDecoder.firstInvalidUTF8(bytes)
        switch invalidUTF8 {
        case .web:
            if ByteDecoder.hasWellFormedMultibyteSequence(bytes) {
                return checked(String(decoding: bytes, as: UTF8.self),
                               note: "invalid UTF-8 from byte \(offset) replaced with U+FFFD (damaged UTF-8)")
            }
            var scalars = String.UnicodeScalarView()
            for b in bytes {
                scalars.append(Unicode.Scalar(b < 0x80 ? UInt32(b) : Charmap.windows1252.high[Int(b) - 0x80]) ?? "\u{FFFD}")
            }
            return checked(String(scalars), note: "decoded as windows-1252 (no valid multi-byte UTF-8 sequence)")
        case .replace:
            return checked(String(decoding: bytes, as: UTF8.self),
                           note: "invalid UTF-8 from byte \(offset) replaced with U+FFFD")
        case .detect:
            if let (charset, confidence, converted) = ByteDecoder.detectedConversion(bytes) {
                return checked(converted,
                               note: "decoded as \(charset) (ICU confidence \(confidence), 0 substituted)")
            }
            return checked(String(decoding: bytes, as: UTF8.self),
                           note: "invalid UTF-8 from byte \(offset) replaced with U+FFFD (no confident charset)")
        case .error:
            return Result(text: "", error: ReadError(code: "invalid_utf8", message: "invalid UTF-8 at byte \(offset)"), note: nil)
        }
    }

    /// HTML5 reads these labels as the Windows code pages that extend them (0x80...0x9F).
    static let windowsSuperset = ["ISO-8859-1": "windows-1252", "ISO-8859-9": "windows-1254"]

    /// The charset ICU is confident of, and the text converted from it. Confident means a
    /// confidence of 50 or more, or (single-byte detectors rarely score higher even when
    /// right) at least 20 and half as much again as any other charset. The conversion must
    /// substitute nothing and read as text (`isPlausible`), else the next guess is tried.
    static func detectedConversion(_ bytes: [UInt8]) -> (String, Int, String)? {
        let matches = CharsetDetector.detectAll(bytes).filter { !$0.charset.hasPrefix("UTF-") }
        let runnerUp = matches.count > 1 ? matches[1].confidence : 0
        for (index, match) in matches.prefix(3).enumerated() {
            let clearLead = index == 0 && match.confidence >= 20 && match.confidence * 2 >= runnerUp * 3
            guard match.confidence >= 50 || clearLead else { continue }
            let charset = windowsSuperset[match.charset] ?? match.charset
            guard let converted = CharsetDetector.convert(bytes, from: charset), converted.substitutions == 0,
                  isPlausible(converted.text) else { continue }
            return (charset, match.confidence, converted.text)
        }
        return nil
    }

    /// Text converted from the wrong charset shows C1 controls, or (a Latin code page read
    /// over Hebrew, Greek or Cyrillic bytes) words made only of accented letters ("ùìåí"),
    /// which Latin-script languages almost never have: at most a third of the words with a
    /// non-ASCII letter may be so.
    static func isPlausible(_ text: String) -> Bool {
        var accentedWords = 0, allAccentedWords = 0
        var letters = 0, nonASCII = 0
        func endWord() {
            if nonASCII > 0 { accentedWords += 1 }
            if letters >= 3 && nonASCII == letters, letters > 0 { allAccentedWords += 1 }
            letters = 0
            nonASCII = 0
        }
        for s in text.unicodeScalars {
            if s.value >= 0x80 && s.value <= 0x9F { return false }
            if s.properties.isAlphabetic {
                letters += 1
                if s.value >= 0x80 && s.value < 0x250 { nonASCII += 1 }
            } else {
                endWord()
            }
        }
        endWord()
        return allAccentedWords * 3 <= accentedWords
    }

    private func checked(_ text: String, note: String?) -> Result {
        if text.allSatisfy(\.isWhitespace) {
            return Result(text: "", error: ReadError(code: "empty", message: "empty: the file holds only white space"), note: note)
        }
        return Result(text: text, error: nil, note: note)
    }

    /// A NUL byte, or many control bytes in the first 8 KiB, mark a binary file.
    static func binaryReason(_ bytes: [UInt8]) -> String? {
        let length = min(bytes.count, 8192)
        return bytes.withUnsafeBufferPointer { all -> String? in
            let head = UnsafeBufferPointer(rebasing: all[..<length])
            if let base = head.baseAddress, let nul = memchr(base, 0, length) {
                return "binary: NUL byte at offset \(UnsafeRawPointer(nul) - UnsafeRawPointer(base))"
            }
            // Text has few bytes below 0x20 (line feeds, tabs): the exact count only when they are many.
            guard ctk_count_below(head.baseAddress, length, 0x20) * 10 > length else { return nil }
            // Controls other than tab, LF, FF, CR and ESC (bit set = counts as binary).
            let binaryControls: UInt32 = ~((1 << 0x09) | (1 << 0x0A) | (1 << 0x0C) | (1 << 0x0D) | (1 << 0x1B))
            var controls = 0
            for b in head where b < 0x20 { controls &+= Int((binaryControls >> UInt32(b)) & 1) }
            return controls * 10 > length ? "binary: \(controls) control bytes in the first \(length)" : nil
        }
    }

    /// Whether `bytes` hold at least one well-formed UTF-8 sequence of two to four bytes.
    static func hasWellFormedMultibyteSequence(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            let length: Int
            switch bytes[i] {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default:
                i += 1
                continue
            }
            if i + length <= bytes.count, String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil { return true }
            i += 1
        }
        return false
    }

    /// Offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            if i + length > bytes.count { return i }
            let slice = Array(bytes[i..<(i + length)])
            if length > 1, String(validating: slice, as: UTF8.self) == nil { return i }
            i += length
        }
        return bytes.count
    }
}
