import CTextKit
import Testing

/// `ctk_count_byte` (line counts of the manifest) counts 32 bytes a block and the tail byte by
/// byte: the naive count at every length around the block edges and every alignment.
@Suite struct CountByteTests {
    @Test func theNaiveCountAtEveryLengthAndAlignment() {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<300).map { _ in UInt8.random(in: 0x09...0x0C, using: &generator) }
        // Line feeds just before, at and after a block's edge and at the end.
        for i in [31, 32, 33, 63, 64, 65, 299] { bytes[i] = 0x0A }
        bytes.withUnsafeBufferPointer { all in
            for offset in 0..<33 {
                for length in [0, 1, 31, 32, 33, 63, 64, 65, 95, 96, 97, 300 - offset] {
                    let slice = all[offset..<(offset + length)]
                    for byte: UInt8 in [0x0A, 0x09, 0xFF] {
                        #expect(ctk_count_byte(all.baseAddress! + offset, length, byte) == slice.filter { $0 == byte }.count)
                    }
                }
            }
        }
    }
}
