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
}
