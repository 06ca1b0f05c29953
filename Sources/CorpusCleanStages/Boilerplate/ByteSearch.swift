import CorpusCleanCore
/// Spaces found in a line's bytes eight at a time (a word's bytes XOR spaces has a zero byte
/// where a space is), without a call of `memchr` or a loop exit per byte: the words the rules
/// step over are short, and each of those exits was a mispredicted branch.
enum ByteSearch {
    private static let spaces: UInt64 = 0x2020_2020_2020_2020
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each zero byte of `x`, and maybe of bytes above the lowest one (the
    /// borrow runs upward): the lowest bit set marks the first zero byte exactly.
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- ones) & ~x & highs
    }

    /// Whether one of the 8 bytes at `p` is a space.
    @inline(__always)
    static func spaceInFirst8(_ p: UnsafePointer<UInt8>) -> Bool {
        zeroBytes(UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) ^ spaces) != 0
    }

    /// The offset of the first space in `t[from...]`, or `t.count` when there is none.
    @inline(__always)
    static func firstSpace(_ t: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = t.baseAddress else { return t.count }
        var i = from
        while i + 8 <= t.count {
            let found = zeroBytes(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ spaces)
            // Little-endian: the lowest byte is the first.
            if found != 0 { return i + found.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < t.count && t[i] != 0x20 { i += 1 }
        return i
    }
}
