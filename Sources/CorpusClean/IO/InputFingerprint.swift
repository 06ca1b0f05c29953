import Foundation

/// What an input was when a run started, so that `--resume` can tell the same input from one
/// replaced or changed since (a file rewritten in place, a text folder with a file added).
/// A file: its size, modification time and inode. A text folder: a hash of every file's
/// relative path, size and modification time, in reading order. Standard input: empty
/// (nothing to compare; its bytes are gone).
enum InputFingerprint {
    static func of(path: String, reader: any DocumentReader) -> String {
        guard path != "-" else { return "" }
        if let folder = reader as? TextDirectoryReader {
            var hash = FNV1a.basis
            for relative in folder.paths {
                let stamp = stamp((folder.root as NSString).appendingPathComponent(relative)) ?? "?"
                for scalar in (relative + "\u{0}" + stamp + "\u{0}").unicodeScalars { hash = FNV1a.step(hash, scalar.value) }
            }
            return "folder:\(folder.paths.count):\(Hash64.hex(hash))"
        }
        return stamp(path).map { "file:" + $0 } ?? ""
    }

    /// `size:mtime-ns:inode` of the file at `path`, or nil when it cannot be read.
    private static func stamp(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return "\(info.st_size):\(nanoseconds):\(info.st_ino)"
    }
}
