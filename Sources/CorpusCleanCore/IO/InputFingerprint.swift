import Foundation

/// What an input was when a run started, so that `--resume` can tell the same input from one
/// replaced or changed since (a file rewritten in place, a text folder with a file added).
/// A file: its size, modification time and inode. A text folder or a sharded input: a hash of
/// every file's relative path, size, modification time and inode, in reading order (a file or
/// shard added, removed, replaced or changed changes it). Standard input: empty (nothing to
/// stat). What was read before the checkpoint is compared besides, by content
/// (`InputPosition`).
enum InputFingerprint {
    static func of(_ inputs: InputSet, reader: any DocumentReader) -> String {
        switch inputs {
        case .standardInput:
            return ""
        case let .file(path):
            return stamp(path).map { "file:" + $0 } ?? ""
        case .textFolder:
            guard let folder = reader as? TextDirectoryReader else { return "" }
            return "folder:" + hash(folder.entries.map { ($0.relative, $0.stamp) })
        case let .shards(_, shards):
            return "shards:" + hash(shards.map { (Array($0.relative.utf8), stamp($0.path) ?? "?") })
        }
    }

    /// The count of `files` and a hash of their relative paths and stamps.
    private static func hash(_ files: [(relative: [UInt8], stamp: String)]) -> String {
        let hash = StreamingHash64()
        for file in files {
            hash.update((file.relative + [0] + Array(file.stamp.utf8) + [0])[...])
        }
        return "\(files.count):\(Hash64.hex(hash.digest))"
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
