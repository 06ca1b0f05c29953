/// Little-endian binary encoding for the resume journal and the dedup index files.
public struct BinaryWriter: Sendable {
    /// What was written; a writer made with `init(count:)` holds that many bytes from the
    /// start, written over in order.
    public var bytes: [UInt8] { storage }
    // Inlinable, so that the writes compile into their callers' code in other modules (dedup's
    // journal entry): a call each cost about 100 instructions more than the copy.
    @usableFromInline var storage: [UInt8]
    /// Where the next write goes: the end of `storage` unless it was made with `init(count:)`.
    @usableFromInline var position = 0

    public init() { storage = [] }

    /// A writer of `count` bytes, in one allocation: the writes fill them in order (stored in
    /// place rather than appended), and any past `count` are appended.
    @inlinable
    public init(count: Int) {
        // `repeatElement`: an array of a count otherwise looks up its generic metadata at run time.
        storage = Array(repeatElement(0, count: count))
    }

    /// Makes room for `count` bytes in all, so that writing that many grows the buffer once.
    public mutating func reserveCapacity(_ count: Int) { storage.reserveCapacity(count) }

    /// Stores `raw` at `position`: in place as far as `bytes` reaches, appended after it.
    @inlinable @inline(__always)
    mutating func write(_ raw: UnsafeRawBufferPointer) {
        let inPlace = min(raw.count, storage.count - position)
        if inPlace > 0 {
            let at = position
            storage.withUnsafeMutableBytes { ($0.baseAddress! + at).copyMemory(from: raw.baseAddress!, byteCount: inPlace) }
        }
        if inPlace < raw.count { storage.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[inPlace...])) }
        position += raw.count
    }

    /// Appends an integer in little-endian byte order.
    @inlinable
    public mutating func integer<T: FixedWidthInteger>(_ value: T) {
        let at = position, size = MemoryLayout<T>.size
        if storage.count - at >= size {
            // One store, not a copy of the value's bytes through memcpy.
            storage.withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: at, as: T.self) }
            position = at + size
        } else {
            withUnsafeBytes(of: value.littleEndian) { write($0) }
        }
    }

    @inlinable public mutating func uint8(_ v: UInt8) { integer(v) }
    @inlinable public mutating func uint32(_ v: UInt32) { integer(v) }
    @inlinable public mutating func uint64(_ v: UInt64) { integer(v) }

    /// Raw bytes, without a length.
    public mutating func append(_ data: [UInt8]) {
        data.withUnsafeBytes { write($0) }
    }

    /// A length-prefixed UTF-8 string.
    @inlinable
    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            uint32(UInt32(utf8.count))
            write(UnsafeRawBufferPointer(utf8))
        }
    }

    /// A length-prefixed array of UInt32.
    @inlinable
    public mutating func uint32s(_ values: [UInt32]) {
        uint32(UInt32(values.count))
        integers(values)
    }

    /// A length-prefixed array of UInt64.
    @inlinable
    public mutating func uint64s(_ values: [UInt64]) {
        uint32(UInt32(values.count))
        integers(values)
    }

    /// Integers in little-endian byte order, without a length: one copy on little-endian hosts.
    @inlinable
    mutating func integers<T: FixedWidthInteger>(_ values: [T]) {
        #if _endian(little)
        values.withUnsafeBytes { write($0) }
        #else
        for v in values { integer(v) }
        #endif
    }

    /// A length-prefixed byte string.
    @inlinable
    public mutating func data(_ data: [UInt8]) {
        uint32(UInt32(data.count))
        data.withUnsafeBytes { write($0) }
    }
}
