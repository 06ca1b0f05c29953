/// A source of bytes that LineSource splits into lines: a file's raw bytes, or their
/// decompression.
protocol ByteStream: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer` and returns how many; 0 only at the end.
    /// Throws when the data is corrupt or ends too early.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
    /// Bytes of the file behind what `read` has returned (compressed bytes for a decompression).
    var consumed: Int { get }
}
