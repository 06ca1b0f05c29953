#if canImport(Glibc)
import Glibc
#endif

/// The decompressed bytes of a compressed input as the corpus pre-pass reads them, kept in a
/// temporary file in `$TMPDIR` (else /tmp) so that the main pass reads them again instead of
/// decompressing the input a second time. The file is unlinked as soon as it is made (nothing
/// is left behind, however the process ends). At most `limit` bytes are kept: past that, or
/// when the file cannot be made or written (a full disk), the spool is dropped and the main
/// pass decompresses the input again, as it would without one.
final class DecompressedSpool {
    /// Decompressed bytes kept at most (1 GiB).
    static let defaultLimit = 1 << 30
    private let limit: Int
    private var descriptor: Int32 = -1
    private var dropped = false
    /// Bytes kept so far.
    private(set) var count = 0
    /// Bytes of the compressed input the kept bytes came from, once it was read to its end.
    private(set) var compressedCount: Int?

    init(limit: Int = DecompressedSpool.defaultLimit) {
        self.limit = limit
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Appends the next decompressed bytes (dropping the spool when they would pass the limit).
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard !dropped, compressedCount == nil, bytes.count > 0 else { return }
        guard count + bytes.count <= limit, open(), GatherWrite.write(bytes, to: descriptor) == nil else { return drop() }
        count += bytes.count
    }

    /// Marks the input as read to its end, from `compressedCount` bytes of compressed input.
    func finish(compressedCount: Int) {
        guard !dropped else { return }
        self.compressedCount = compressedCount
    }

    /// The whole decompressed input, to be read from its start, when it was read to its end and
    /// kept; nil otherwise. Hands the file over: the spool keeps nothing after.
    func takeInput(name: String) -> FileInput? {
        guard !dropped, compressedCount != nil, descriptor >= 0, lseek(descriptor, 0, SEEK_SET) == 0 else { return nil }
        let input = FileInput(descriptor: descriptor, name: name)
        descriptor = -1
        dropped = true
        return input
    }

    private func open() -> Bool {
        if descriptor >= 0 { return true }
        guard let file = TemporaryFile(prefix: "corpusclean-prepass-") else { return false }
        unlink(file.path)
        descriptor = file.descriptor
        return true
    }

    private func drop() {
        dropped = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }
}
