import Foundation

/// What an input was when a run started, so that `--resume` can tell the same input from one
/// replaced or changed since (a file rewritten in place, a text folder with a file added).
/// A file: its size, modification time and inode. A text folder: a hash of every file's
/// relative path, size, modification time and inode, in reading order. Standard input: empty
/// (nothing to stat). What was read before the checkpoint is compared besides, by content
/// (`InputPosition`).
enum InputFingerprint {
    static func of(path: String, reader: any DocumentReader) -> String {
        guard path != "-" else { return "" }
        if let folder = reader as? TextDirectoryReader {
            let hash = StreamingHash64()
            for entry in folder.entries {
                hash.update((entry.relative + [0] + Array(entry.stamp.utf8) + [0])[...])
            }
            return "folder:\(folder.entries.count):\(Hash64.hex(hash.digest))"
        }
        return stamp(path).map { "file:" + $0 } ?? ""
    }

    /// `size:mtime-ns:inode` of the file at `path`, or nil when it cannot be read.
    private static func stamp(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return stamp(info)
    }

    /// `size:mtime-ns:inode` of what `stat` found.
    static func stamp(_ info: stat) -> String {
        let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return "\(info.st_size):\(nanoseconds):\(info.st_ino)"
    }
}
