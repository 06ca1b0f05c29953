/// Reads what BinaryWriter wrote; every read returns nil past the end instead of trapping.
public struct BinaryReader {
    private let bytes: [UInt8]
    public private(set) var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var isAtEnd: Bool { position >= bytes.count }

    public mutating func uint8() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func uint32() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[position + i]) << (8 * i) }
        position += 4
        return v
    }

    public mutating func uint64() -> UInt64? {
        guard position + 8 <= bytes.count else { return nil }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * i) }
        position += 8
        return v
    }

    public mutating func string() -> String? {
        guard let data = data() else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    public mutating func uint32s() -> [UInt32]? {
        guard let count = uint32(), position + Int(count) * 4 <= bytes.count else { return nil }
        return (0..<Int(count)).map { _ in uint32()! }
    }

    public mutating func data() -> [UInt8]? {
        guard let count = uint32(), position + Int(count) <= bytes.count else { return nil }
        defer { position += Int(count) }
        return Array(bytes[position..<(position + Int(count))])
    }
}
