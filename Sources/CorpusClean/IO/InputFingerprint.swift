import Foundation

/// What an input was when a run started, so that `--resume` can tell the same input from one
/// replaced or changed since (a file rewritten in place, a text folder with a file added).
/// A file: its size, modification time and inode. A text folder or a sharded input: a hash of
/// every file's relative path, size, modification time and inode, in reading order (a shard
/// added, removed, replaced or changed changes it). Standard input: empty (nothing to compare;
/// its bytes are gone).
enum InputFingerprint {
    static func of(_ inputs: InputSet, reader: any DocumentReader) -> String {
        switch inputs {
        case .standardInput:
            return ""
        case let .file(path):
            return stamp(path).map { "file:" + $0 } ?? ""
        case let .textFolder(root):
            guard let folder = reader as? TextDirectoryReader else { return "" }
            return "folder:" + hash(folder.paths.map { ($0, (root as NSString).appendingPathComponent($0)) })
        case let .shards(_, shards):
            return "shards:" + hash(shards.map { ($0.relative, $0.path) })
        }
    }

    /// The count of `files` and a hash of their relative paths and stamps.
    private static func hash(_ files: [(relative: String, path: String)]) -> String {
        var hash = FNV1a.basis
        for file in files {
            let stamp = stamp(file.path) ?? "?"
            for scalar in (file.relative + "\u{0}" + stamp + "\u{0}").unicodeScalars { hash = FNV1a.step(hash, scalar.value) }
        }
        return "\(files.count):\(Hash64.hex(hash))"
    }

    /// `size:mtime-ns:inode` of the file at `path`, or nil when it cannot be read.
    private static func stamp(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return "\(info.st_size):\(nanoseconds):\(info.st_ino)"
    }
}
