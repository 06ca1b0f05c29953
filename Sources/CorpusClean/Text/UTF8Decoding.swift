/// One UTF-8 sequence of a byte buffer, for the stages that walk text as bytes.
enum UTF8Decoding {
    /// Bytes in the sequence that starts with `lead`, a byte of 0x80 or more (valid UTF-8 is assumed).
    @inline(__always)
    static func length(lead: UInt8) -> Int {
        lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The code point of the sequence of `length` (2...4) bytes at `i` (valid UTF-8 is assumed).
    @inline(__always)
    static func value(_ src: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> UInt32 {
        let b1 = UInt32(src[i + 1] & 0x3F)
        switch length {
        case 2: return UInt32(src[i] & 0x1F) << 6 | b1
        case 3: return UInt32(src[i] & 0x0F) << 12 | b1 << 6 | UInt32(src[i + 2] & 0x3F)
        default: return UInt32(src[i] & 0x07) << 18 | b1 << 12 | UInt32(src[i + 2] & 0x3F) << 6 | UInt32(src[i + 3] & 0x3F)
        }
    }

    /// The scalar of the sequence at `i`, whose lead byte is 0x80 or more, and its length
    /// (valid UTF-8 is assumed).
    @inline(__always)
    static func scalar(_ src: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let length = length(lead: src[i])
        return (Unicode.Scalar(value(src, at: i, length: length)) ?? "\u{FFFD}", length)
    }
}
