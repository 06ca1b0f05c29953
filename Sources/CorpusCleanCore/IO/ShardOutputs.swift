import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The cleaned shards of a sharded input, staged under `.staging/docs/` with the names of the
/// output (`names[i]` for input shard i), one file per input shard also when no document of
/// it is kept (an empty file, or an empty gzip member or zstd frame).
///
/// Documents come in input order, so the shards are written one at a time: the shard being
/// written is plain JSONL (under `docs/` when the output is not compressed, else under
/// `.staging/parts/`), and once the first document of a later shard comes (or the run ends)
/// it is finished: compressed to `docs/NAME` (fsynced) as its name says. A checkpoint records
/// how many shards are finished and the byte length of the plain file of the next one, so
/// `--resume` keeps the finished shards, cuts that file back and goes on: the result is the
/// same bytes as an uninterrupted run (compression is deterministic). A compressed shard's
/// plain file is removed once a checkpoint counts the shard finished.
package final class ShardOutputs {
    let names: [String]
    private let staging: String
    /// The folder of the finished files under the staging directory (`docs`), and that of the
    /// plain files of compressed shards being written (`parts`).
    private let folder: String
    private let partsFolder: String
    /// Shards before this one are finished.
    private(set) var current = 0
    private var part: BufferedFile?
    /// Plain files of finished shards, removed after the next checkpoint.
    private var finishedParts: [String] = []
    private let createdFolders = CreatedFolders()

    static let partsName = "parts"

    /// Starts afresh, or with `resume` = (shards finished, bytes of the next one's plain file)
    /// from an interrupted run's checkpoint, whose staged files are in `staging`.
    package init(names: [String], staging: String, folder: String = OutputWriter.docsName, partsFolder: String = ShardOutputs.partsName,
         resume: (finished: Int, partBytes: Int)? = nil) throws(InputError) {
        self.names = names
        self.staging = staging
        self.folder = folder
        self.partsFolder = partsFolder
        guard let resume else { return }
        current = resume.finished
        for i in names.indices {
            let compressed = OutputCompression(name: names[i]) != .none
            if i >= current, compressed || i > current { try OutputCommit.remove(docsPath(i)) }
            if compressed, i != current { try OutputCommit.remove(partPath(i)) }
        }
        if current < names.count, resume.partBytes > 0 {
            part = try BufferedFile(path: partPath(current), appendingAt: resume.partBytes,
                                    synced: OutputCompression(name: names[current]) == .none)
        } else if current < names.count {
            try OutputCommit.remove(partPath(current))
        }
    }

    /// Whether the staged output in `staging` holds the first `finished` shards of `names`, as
    /// a checkpoint that counts them finished needs.
    static func holdsFinished(_ finished: Int, names: [String], staging: String, folder: String = OutputWriter.docsName) -> Bool {
        finished <= names.count && names.prefix(finished).allSatisfy {
            FileManager.default.fileExists(atPath: (staging as NSString).appendingPathComponent(folder + "/" + $0))
        }
    }

    private func docsPath(_ shard: Int) -> String {
        (staging as NSString).appendingPathComponent(folder + "/" + names[shard])
    }

    /// Where shard `shard` is written while it is the current one.
    private func partPath(_ shard: Int) -> String {
        OutputCompression(name: names[shard]) == .none ? docsPath(shard)
            : (staging as NSString).appendingPathComponent(partsFolder + "/" + names[shard])
    }

    /// ``BufferedFile/writeKept()`` of the shard being written.
    package func writeKept() throws(InputError) { try part?.writeKept() }

    /// Writes one cleaned record of shard `shard`.
    package func write(_ line: [UInt8], shard: Int) throws(InputError) {
        try write(line[...], shard: shard)
    }

    /// Writes one cleaned record of shard `shard`, a slice of a chunk's lines.
    package func write(_ line: ArraySlice<UInt8>, shard: Int) throws(InputError) {
        try advance(to: shard)
        // The plain part of a compressed shard is removed once compressed: never synced.
        if part == nil { part = try create(partPath(current), compression: .none, synced: OutputCompression(name: names[current]) == .none) }
        try part!.write(line)
    }

    /// Finishes every shard before `shard` (a document of `shard` came, kept or not).
    func advance(to shard: Int) throws(InputError) {
        while current < min(shard, names.count) { try finishCurrent() }
    }

    /// Finishes every shard (the run ends).
    package func finishAll() throws(InputError) {
        try advance(to: names.count)
    }

    /// Flushes the current shard's plain file and returns (shards finished, its bytes), for
    /// the checkpoint.
    func checkpointState() throws(InputError) -> (finished: Int, partBytes: Int) {
        (current, try part?.flushedSize() ?? 0)
    }

    /// Removes the plain files of compressed shards that the checkpoint just written counts
    /// finished.
    package func checkpointWritten() throws(InputError) {
        for path in finishedParts { try OutputCommit.remove(path) }
        finishedParts.removeAll()
    }

    private func finishCurrent() throws(InputError) {
        let compression = OutputCompression(name: names[current])
        let plain = partPath(current)
        if let part {
            try part.close()
            self.part = nil
        } else {
            try create(plain, compression: .none, synced: compression == .none).close()
        }
        if compression != .none {
            let output = try create(docsPath(current), compression: compression)
            try ShardOutputs.copy(from: plain, to: output)
            try output.close()
            finishedParts.append(plain)
        }
        current += 1
    }

    /// Opens `path` for writing, creating its folder first.
    private func create(_ path: String, compression: OutputCompression, synced: Bool = true) throws(InputError) -> BufferedFile {
        try createdFolders.makeParent(of: path)
        return try BufferedFile(path: path, compression: compression, synced: synced)
    }

    private static func copy(from path: String, to output: BufferedFile) throws(InputError) {
        guard let input = fopen(path, "rb") else {
            throw InputError(path: path, message: "cannot read the staged shard: \(String(cString: strerror(errno)))")
        }
        defer { fclose(input) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, input) }
            if n == 0 {
                if ferror(input) != 0 { throw InputError(path: path, message: "cannot read the staged shard") }
                return
            }
            try output.write(Array(buffer[..<n]))
        }
    }
}
