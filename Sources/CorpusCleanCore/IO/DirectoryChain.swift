#if canImport(Glibc)
import Glibc
#endif

/// Open descriptors of the folders that lead, below a root folder, to the file being read, so
/// that a file is opened with `openat` relative to its own folder: paths longer than PATH_MAX
/// and names that are not UTF-8 are read like any other. Files read in path order share most
/// of their folders, which stay open from one file to the next.
final class DirectoryChain {
    private let root: Int32
    private var open: [(name: [UInt8], descriptor: Int32)] = []

    /// Takes over `root`, a descriptor of the root folder (closed with the chain).
    init(root: Int32) {
        self.root = root
    }

    deinit {
        for entry in open { close(entry.descriptor) }
        close(root)
    }

    /// The descriptor of the folder `path` (names below the root; links not followed), or nil
    /// with `errno` set when a folder on the way cannot be opened.
    func descriptor(of path: ArraySlice<[UInt8]>) -> Int32? {
        var common = 0
        while common < open.count, common < path.count, open[common].name == path[path.startIndex + common] { common += 1 }
        while open.count > common { close(open.removeLast().descriptor) }
        for name in path.dropFirst(common) {
            let descriptor = Self.openDirectory(at: open.last?.descriptor ?? root, name)
            guard descriptor >= 0 else { return nil }
            open.append((name, descriptor))
        }
        return open.last?.descriptor ?? root
    }

    /// `openat` of the folder `name` in `parent`, links not followed.
    static func openDirectory(at parent: Int32, _ name: [UInt8]) -> Int32 {
        withCName(name) { openat(parent, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
    }

    /// Calls `body` with `name` as a NUL-terminated C string.
    static func withCName<T>(_ name: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (name + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}
