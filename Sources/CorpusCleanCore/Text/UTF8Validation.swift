import CTextKit

/// Checks that bytes are well-formed UTF-8 (The Unicode Standard, table 3-7) and makes their
/// `String` without checking them a second time: the standard library's
/// `String(validating:)` decodes scalar by scalar, about eleven instructions a byte, and the
/// parser checks every string of every record, the text most of all (so do the byte decoder
/// and the normalize stage, every text). The check is ctk_utf8_check: 32 bytes at a time
/// with AVX2 where the processor has it.
package enum UTF8Validation {
    /// nil when `base[from..<end]` is not well-formed UTF-8, else whether it is all ASCII.
    @inline(__always)
    package static func check(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Bool? {
        switch ctk_utf8_check(base + from, end - from) {
        case 1: return true
        case 0: return false
        default: return nil
        }
    }

    /// The string of `bytes`, nil when they are not well-formed UTF-8: what
    /// `String(validating: bytes, as: UTF8.self)` gives.
    package static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = bytes.baseAddress else { return "" }
        guard let isASCII = check(base, from: 0, end: bytes.count) else { return nil }
        return string(checked: bytes, isASCII: isASCII)
    }

    /// The string of `bytes` that `check` found well-formed (and all ASCII or not), without a
    /// second check.
    package static func string(checked bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool = false) -> String {
        guard bytes.baseAddress != nil else { return "" }
        return String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: isASCII))
    }

    /// The string of bytes that are well-formed UTF-8 by construction (whole characters of a
    /// checked text, cut or joined at character boundaries), without a check in release builds.
    package static func string(wellFormed bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return "" }
            assert(check(base, from: 0, end: buffer.count) != nil, "not well-formed UTF-8")
            return String(copying: UTF8Span(unchecked: buffer.span))
        }
    }

    /// `string(_:)` of an array's bytes.
    package static func string(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { string($0) }
    }
}
