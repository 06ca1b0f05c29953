import CTextKit

/// Finds the bytes a JSON string cannot hold as they are (`"`, `\`, C0 controls, and DEL when
/// writing), so that the parser and the writer copy the runs between them whole: most strings
/// of a corpus have a few escapes in thousands of bytes. The first 32 bytes are looked at
/// eight at a time here (keys, ids and numbers end there, and a call would cost more than
/// they do), the rest by ctk_json_special, 16 or 32 at a time.
enum JSONStringBytes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let inline = 32

    /// The index of the first byte from `from` on (before `end`) that is `"`, `\` or below
    /// 0x20, and also DEL when `del`; `end` when none is.
    @inline(__always)
    static func firstSpecial(_ base: UnsafePointer<UInt8>, from: Int, end: Int, del: Bool) -> Int {
        var i = from
        let inlineEnd = end &- from > inline ? from &+ inline : end
        while inlineEnd &- i >= 8 {
            let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            // Per byte, the high bit of `(x - 1) & ~x` is set where x is 0: exact for the first
            // such byte, which is the one wanted (a borrow only marks bytes after it).
            let quote = w ^ (0x22 &* ones), backslash = w ^ (0x5C &* ones)
            var found = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- 0x20 &* ones) & ~w)
            if del {
                let delete = w ^ (0x7F &* ones)
                found |= (delete &- ones) & ~delete
            }
            found &= highs
            if found != 0 { return i &+ found.trailingZeroBitCount >> 3 }
            i &+= 8
        }
        if inlineEnd < end { return Int(ctk_json_special(base, i, end, del ? 1 : 0)) }
        while i < end {
            let c = base[i]
            if c == 0x22 || c == 0x5C || c < 0x20 || (del && c == 0x7F) { return i }
            i &+= 1
        }
        return end
    }

    /// The bytes that those of a string whose only escapes are `\n` (each backslash starts one)
    /// stand for: each escape made a newline.
    static func unescapingNewlines(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            let escape = text[i] == UInt8(ascii: "\\")
            bytes.append(escape ? 0x0A : text[i])
            i += escape ? 2 : 1
        }
        return bytes
    }

    /// Writes the escape of `byte` (one that ``firstSpecial(_:from:end:del:)`` finds) at `out`,
    /// which has room for 6 bytes: `\n`, `\r`, `\t`, `\"`, `\\` or `\u00XX`. Returns its length.
    @inline(__always)
    static func escape(_ byte: UInt8, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = 0x5C
        switch byte {
        case 0x0A: out[1] = UInt8(ascii: "n")
        case 0x0D: out[1] = UInt8(ascii: "r")
        case 0x09: out[1] = UInt8(ascii: "t")
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out[1] = byte
        default:
            out[1] = UInt8(ascii: "u")
            out[2] = 0x30
            out[3] = 0x30
            out[4] = JSONNumberText.hexDigit(byte >> 4)
            out[5] = JSONNumberText.hexDigit(byte & 15)
            return 6
        }
        return 2
    }
}
