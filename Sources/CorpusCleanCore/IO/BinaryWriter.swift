/// Little-endian binary encoding for the resume journal and the dedup index files.
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Makes room for `count` bytes in all, so that writing that many grows the buffer once.
    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    /// Appends an integer in little-endian byte order.
    public mutating func integer<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func uint8(_ v: UInt8) { bytes.append(v) }
    public mutating func uint32(_ v: UInt32) { integer(v) }
    public mutating func uint64(_ v: UInt64) { integer(v) }

    /// Raw bytes, without a length.
    public mutating func append(_ data: some Sequence<UInt8>) { bytes.append(contentsOf: data) }

    /// A length-prefixed UTF-8 string.
    public mutating func string(_ s: String) {
        uint32(UInt32(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }

    /// A length-prefixed array of UInt32.
    public mutating func uint32s(_ values: [UInt32]) {
        uint32(UInt32(values.count))
        integers(values)
    }

    /// A length-prefixed array of UInt64.
    public mutating func uint64s(_ values: [UInt64]) {
        uint32(UInt32(values.count))
        integers(values)
    }

    /// Integers in little-endian byte order, without a length: one copy on little-endian hosts.
    private mutating func integers<T: FixedWidthInteger>(_ values: [T]) {
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for v in values { integer(v) }
        #endif
    }

    /// A length-prefixed byte string.
    public mutating func data(_ data: [UInt8]) {
        uint32(UInt32(data.count))
        bytes.append(contentsOf: data)
    }
}
