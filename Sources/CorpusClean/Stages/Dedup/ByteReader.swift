import Foundation

/// Reads little-endian integers and strings from the files of a saved index.
struct ByteReader {
    let data: Data
    var position = 0

    init(data: Data) { self.data = data }

    /// The next integer, or 0 past the end.
    mutating func next<T: FixedWidthInteger>() -> T {
        let size = MemoryLayout<T>.size
        guard position + size <= data.count else { return 0 }
        let value = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: T.self) }
        position += size
        return T(littleEndian: value)
    }

    /// The next `length` bytes as UTF-8, or nil past the end.
    mutating func string(_ length: Int) -> String? {
        guard position + length <= data.count else { return nil }
        defer { position += length }
        return String(decoding: data[(data.startIndex + position)..<(data.startIndex + position + length)], as: UTF8.self)
    }
}
