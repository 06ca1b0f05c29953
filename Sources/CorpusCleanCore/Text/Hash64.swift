import CTextKit

/// XXH64 hashing of bytes and strings.
public enum Hash64 {
    public static func hash(_ text: String, seed: UInt64 = 0) -> UInt64 {
        text.withUTF8Bytes { ctk_hash64($0.baseAddress, $0.count, seed) }
    }

    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        ctk_hash64(bytes.baseAddress, bytes.count, seed)
    }

    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    /// 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for i in 0..<16 {
                let digit = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * i)) & 15
                buffer[i] = digit < 10 ? 0x30 + digit : 0x57 + digit
            }
            return 16
        }
    }
}
