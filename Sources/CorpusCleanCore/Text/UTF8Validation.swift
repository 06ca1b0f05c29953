/// Checks that bytes are well-formed UTF-8 (The Unicode Standard, table 3-7) and makes their
/// `String` without checking them a second time: the standard library's
/// `String(validating:)` decodes scalar by scalar, about eleven instructions a byte, and the
/// parser checks every string of every record, the text most of all (so do the byte decoder
/// and the normalize stage, every text).
package enum UTF8Validation {
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// nil when `base[from..<end]` is not well-formed UTF-8, else whether it is all ASCII.
    @inline(__always)
    package static func check(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Bool? {
        var i = from
        while end &- i >= 8 {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & highs != 0 { break }
            i &+= 8
        }
        var ascii = true
        while i < end {
            var c = base[i]
            if c < 0x80 {
                i &+= 1
                while end &- i >= 8, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & highs == 0 { i &+= 8 }
                continue
            }
            ascii = false
            if c &- 0xE0 < 0x10 {
                // A run of three-byte characters (most of CJK text), two checked in one load,
                // then one. A pair the first loop leaves, valid or not, the second one reads.
                while end &- i >= 8 {
                    let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    guard w & 0xC0C0_F0C0_C0F0 == 0x8080_E080_80E0 else { break }
                    let first = w & 0x200F, second = w >> 24 & 0x200F
                    guard first != 0, first != 0x200D, second != 0, second != 0x200D else { break }
                    i &+= 6
                }
                while end &- i >= 4 {
                    let w = UInt32(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self))
                    guard w & 0x00C0_C0F0 == 0x0080_80E0 else { break }
                    // The lead's low four bits and bit 5 of the second byte: 0 for an overlong
                    // form (E0 80...9F), 0x200D for a surrogate (ED A0...BF).
                    let top = w & 0x200F
                    guard top != 0, top != 0x200D else { return nil }
                    i &+= 3
                }
                guard i < end else { break }
                c = base[i]
                if c < 0x80 { continue }
            }
            if c < 0xE0 {
                guard c >= 0xC2, end &- i >= 2, base[i &+ 1] & 0xC0 == 0x80 else { return nil }
                i &+= 2
            } else if c < 0xF0 {
                guard end &- i >= 3 else { return nil }
                let c1 = base[i &+ 1]
                // E0 needs A0...BF after it (no overlong form), ED 80...9F (no surrogate).
                let low: UInt8 = c == 0xE0 ? 0xA0 : 0x80, high: UInt8 = c == 0xED ? 0x9F : 0xBF
                guard c1 >= low, c1 <= high, base[i &+ 2] & 0xC0 == 0x80 else { return nil }
                i &+= 3
            } else {
                guard c <= 0xF4, end &- i >= 4 else { return nil }
                let c1 = base[i &+ 1]
                // F0 needs 90...BF after it (no overlong form), F4 80...8F (nothing past U+10FFFF).
                let low: UInt8 = c == 0xF0 ? 0x90 : 0x80, high: UInt8 = c == 0xF4 ? 0x8F : 0xBF
                guard c1 >= low, c1 <= high, base[i &+ 2] & 0xC0 == 0x80, base[i &+ 3] & 0xC0 == 0x80 else { return nil }
                i &+= 4
            }
        }
        return ascii
    }

    /// The string of `bytes`, nil when they are not well-formed UTF-8: what
    /// `String(validating: bytes, as: UTF8.self)` gives.
    package static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = bytes.baseAddress else { return "" }
        guard let isASCII = check(base, from: 0, end: bytes.count) else { return nil }
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
