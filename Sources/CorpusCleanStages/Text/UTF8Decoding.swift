import CorpusCleanCore
/// One UTF-8 sequence of a byte buffer, for the stages that walk text as bytes.
enum UTF8Decoding {
    /// The bytes to step over from ASCII byte `i`: the ASCII bytes from `i` up to the first
    /// non-ASCII one among the next eight (eight when there is none), else one.
    @inline(__always)
    static func asciiStep(_ src: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        guard i + 8 <= src.count else { return 1 }
        let high = UInt64(littleEndian: UnsafeRawPointer(src.baseAddress! + i).loadUnaligned(as: UInt64.self)) & 0x8080_8080_8080_8080
        return high == 0 ? 8 : max(1, high.trailingZeroBitCount >> 3)
    }

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

    /// The code point at `i`, whose lead byte is 0x80 or more, and the bytes it takes, where the
    /// bytes may be cut short at `end` or hold a stray continuation byte (which takes one byte).
    @inline(__always)
    static func value(_ src: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (value: UInt32, length: Int) {
        let b = src[i]
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        var v = UInt32(b) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
        var k = 1
        while k < length && i + k < end { v = v << 6 | UInt32(src[i + k] & 0x3F); k += 1 }
        return (v, length)
    }
}
