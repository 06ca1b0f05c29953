import CorpusCleanCore
import CorpusCleanStages
#if canImport(Glibc)
import Glibc
#endif

/// A file mapped read-only into memory, for random access to another task's outputs (the
/// signatures, shingles and ids of every shard) without reading them whole.
final class MappedFile: @unchecked Sendable {
    let path: String
    let count: Int
    private let base: UnsafeRawPointer?

    init(_ path: String) throws(InputError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TaskFiles.fail(path, "cannot open a task's output") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw TaskFiles.fail(path, "cannot stat") }
        count = Int(info.st_size)
        guard count > 0 else { base = nil; return }
        guard let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw TaskFiles.fail(path, "cannot map")
        }
        base = UnsafeRawPointer(mapped)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// The little-endian integer at byte `offset`.
    func load<T: FixedWidthInteger>(_ offset: Int, as type: T.Type = T.self) -> T {
        precondition(offset + MemoryLayout<T>.size <= count, "\(path): read past the end")
        return T(littleEndian: base!.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// `length` bytes from `offset`.
    func bytes(_ offset: Int, _ length: Int) -> UnsafeRawBufferPointer {
        precondition(offset + length <= count, "\(path): read past the end")
        return UnsafeRawBufferPointer(start: length == 0 ? nil : base! + offset, count: length)
    }
}
