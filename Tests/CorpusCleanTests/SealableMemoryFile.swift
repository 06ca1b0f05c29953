#if os(Linux)
import Glibc

/// A file in memory (memfd_create) that a test can seal, so that the kernel refuses what a full
/// or failing disk would: writes (`F_SEAL_WRITE`), or any growth, by a write or an allocation
/// (`F_SEAL_GROW`); truncating it to a size it already had still works. Code under test opens it
/// by `path` as it would a file on disk.
final class SealableMemoryFile {
    let descriptor: Int32
    /// /proc/self/fd/N: opening it opens this file.
    var path: String { "/proc/self/fd/\(descriptor)" }

    /// fcntl(2) and memfd_create(2) constants from linux/fcntl.h and linux/memfd.h (not in Swift's
    /// Glibc module).
    static let addSeals: Int32 = 1033
    static let sealGrow: Int32 = 0x4
    static let sealWrite: Int32 = 0x8
    private static let allowSealing: UInt32 = 0x2

    private typealias MemfdCreate = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32

    /// Nil where the C library has no memfd_create.
    init?() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "memfd_create") else { return nil }
        let descriptor = unsafeBitCast(symbol, to: MemfdCreate.self)("sealable", Self.allowSealing)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Adds `seals` (`sealWrite`, `sealGrow`); false when the kernel refuses.
    func seal(_ seals: Int32) -> Bool {
        fcntl(descriptor, Self.addSeals, seals) == 0
    }

    /// The file's size, and the bytes of the pages allocated to it (past its end too).
    func sizes() -> (size: Int, allocated: Int) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return (-1, -1) }
        return (Int(info.st_size), Int(info.st_blocks) * 512)
    }

    /// The file's bytes.
    func contents() -> [UInt8] {
        let size = sizes().size
        guard size > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = max(0, pread(descriptor, buffer.baseAddress, size, 0))
        }
    }
}
#endif
