/// Reads what BinaryWriter wrote; every read returns nil past the end instead of trapping.
public struct BinaryReader {
    private let bytes: [UInt8]
    public private(set) var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next little-endian integer, or nil past the end.
    public mutating func integer<T: FixedWidthInteger>() -> T? {
        let size = MemoryLayout<T>.size
        guard position + size <= bytes.count else { return nil }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: T.self) }
        position += size
        return T(littleEndian: value)
    }

    public mutating func uint8() -> UInt8? { integer() }
    public mutating func uint32() -> UInt32? { integer() }
    public mutating func uint64() -> UInt64? { integer() }

    /// The next `length` bytes as UTF-8, or nil past the end.
    public mutating func string(length: Int) -> String? {
        guard length >= 0, position + length <= bytes.count else { return nil }
        defer { position += length }
        return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
    }

    /// A length-prefixed UTF-8 string.
    public mutating func string() -> String? {
        guard let length = uint32() else { return nil }
        return string(length: Int(length))
    }

    public mutating func uint32s() -> [UInt32]? { integers() }

    public mutating func uint64s() -> [UInt64]? { integers() }

    /// A length-prefixed array of integers, or nil when it runs past the end.
    private mutating func integers<T: FixedWidthInteger>() -> [T]? {
        let size = MemoryLayout<T>.size
        guard let count = uint32().map(Int.init), position + count * size <= bytes.count else { return nil }
        let start = position
        position += count * size
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                for k in 0..<count { buffer[k] = T(littleEndian: raw.loadUnaligned(fromByteOffset: start + k * size, as: T.self)) }
            }
            initialized = count
        }
    }

    public mutating func data() -> [UInt8]? {
        guard let count = uint32(), position + Int(count) <= bytes.count else { return nil }
        defer { position += Int(count) }
        return Array(bytes[position..<(position + Int(count))])
    }
}
