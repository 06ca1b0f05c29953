extension String {
    /// Calls `body` with the string's UTF-8 bytes in its own storage. Unlike `withUTF8` it
    /// needs no mutable copy of the string (a retain and a release a call); a string without
    /// contiguous UTF-8 (none is made on Linux) is copied first.
    @inline(__always)
    package func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
