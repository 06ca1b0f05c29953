import Testing
@testable import CorpusCleanCore

/// A writer of an exact size writes the same bytes as one that appends, whether the writes fill
/// it exactly, run past it (appended) or fall short (its zeros stay).
@Suite struct BinaryWriterTests {
    static func write(_ w: inout BinaryWriter) {
        w.string("doc-\u{E9}-42")
        w.uint8(7)
        w.uint32(0xDEAD_BEEF)
        w.uint64(0x0123_4567_89AB_CDEF)
        w.integer(Int16(-2))
        w.uint64s([1, 2, .max])
        w.uint32s([])
        w.uint32s([9, 8])
        w.data([1, 2, 3])
        w.append([4, 5] as [UInt8])
        w.string("")
    }

    @Test func exactSizeWritesTheAppendedBytes() {
        var appended = BinaryWriter()
        Self.write(&appended)
        let n = appended.bytes.count
        #expect(n == 4 + 9 + 1 + 4 + 8 + 2 + 4 + 24 + 4 + 4 + 8 + 4 + 3 + 2 + 4)
        for count in [0, 1, 5, 15, 16, n - 1, n] {
            var exact = BinaryWriter(count: count)
            Self.write(&exact)
            #expect(exact.bytes == appended.bytes, "count \(count)")
        }
        var longer = BinaryWriter(count: n + 3)
        Self.write(&longer)
        #expect(longer.bytes == appended.bytes + [0, 0, 0])
    }

    /// The encoding itself (the resume journal's and the index files' format): little-endian,
    /// a 32-bit length before strings and arrays, in both kinds of writer.
    @Test func theEncodingIsLittleEndianWithLengths() {
        let expected: [UInt8] = [3, 0, 0, 0, 0x61, 0xC3, 0xA9] + [0x04, 0x03, 0x02, 0x01] + [2, 0, 0, 0]
            + [1, 0, 0, 0, 0, 0, 0, 0] + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
        for count in [0, 10, expected.count] {
            var w = count == 0 ? BinaryWriter() : BinaryWriter(count: count)
            w.string("a\u{E9}")
            w.uint32(0x0102_0304)
            w.uint64s([1, UInt64(Int64.max)])
            #expect(w.bytes == expected, "count \(count)")
        }
    }
}
