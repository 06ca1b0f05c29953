import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads every file under a directory, recursively, sorted by relative path (byte order); the
/// id of a document is its path relative to the directory. A directory given in `excluding`
/// (the run's own output directory, when it lies inside the input) is skipped. Folders are
/// listed and files opened relative to their folder's descriptor (`openat`, `fstatat`), so
/// depth and name bytes do not matter; links to files are followed, links to folders are not.
///
/// Nothing is skipped without a trace: a subdirectory that cannot be listed, a FIFO, socket or
/// device (also behind a symbolic link: `/dev/zero` never ends), a link to a folder and a file
/// larger than `maxDocumentBytes` are error documents, never reads that hang or exhaust memory.
/// So are a file whose relative path is longer than `maxPathBytes` (`path_too_long`: its output
/// path would be over PATH_MAX) and one whose path is not UTF-8 (`invalid_utf8_name`, with an
/// id that writes the bytes losslessly, see `TextDirectoryEntry.escaped`): both are read, and
/// their content is kept in rejected.jsonl.
public struct TextDirectoryReader: DocumentReader {
    public let root: String
    /// The files (and folders that could not be listed) in reading order.
    let entries: [TextDirectoryEntry]
    private let decoder: ByteDecoder
    private let maxDocumentBytes: Int
    private let maxPathBytes: Int
    private let directories: DirectoryChain
    private let hash = StreamingHash64()
    private var index = 0
    private var ordinal = 0
    private var consumed = 0

    public var producesFiles: Bool { true }
    public var expectedCount: Int? { entries.count }
    /// The documents' ids in reading order.
    public var paths: [String] { entries.map(\.id) }
    /// Every entry read so far: its relative path, a NUL, and the bytes read from it.
    public var position: InputPosition? { hash.position }
    /// The sizes of the files read or skipped so far (whole, also of a file over
    /// `maxDocumentBytes` of which only the head is read).
    public var bytesRead: Int? { consumed }
    public let bytesTotal: Int?

    /// Lists `root`. `maxPathBytes` is the longest relative path taken as a document (default:
    /// what fits in PATH_MAX after `root`).
    public init(root: String, decoder: ByteDecoder, maxDocumentBytes: Int = 64 << 20, maxPathBytes: Int? = nil,
                excluding: [String] = []) throws(InputError) {
        self.root = root
        self.decoder = decoder
        self.maxDocumentBytes = maxDocumentBytes
        self.maxPathBytes = maxPathBytes ?? Int(PATH_MAX) - 2 - root.utf8.count
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw InputError(path: root, message: "cannot list the directory: \(String(cString: strerror(errno)))")
        }
        directories = DirectoryChain(root: descriptor)
        let excluded = Set(excluding.compactMap { path -> [UInt64]? in
            var info = stat()
            return stat(path, &info) == 0 ? [UInt64(info.st_dev), UInt64(info.st_ino)] : nil
        })
        var found: [TextDirectoryEntry] = []
        Self.list(dup(descriptor), below: [], excluding: excluded, into: &found)
        entries = found.sorted { $0.relative.lexicographicallyPrecedes($1.relative) }
        bytesTotal = entries.reduce(0) { $0 + $1.size }
    }

    /// Adds the entries of the folder open at `descriptor` (taken over and closed), whose path
    /// below the root is `path`, and of its subfolders.
    private static func list(_ descriptor: Int32, below path: [[UInt8]], excluding excluded: Set<[UInt64]>,
                             into entries: inout [TextDirectoryEntry]) {
        func unlisted(_ path: [[UInt8]]) -> TextDirectoryEntry {
            TextDirectoryEntry(components: path, stamp: "?", size: 0, listingError: "unreadable: cannot list: \(String(cString: strerror(errno)))")
        }
        guard let directory = fdopendir(descriptor) else {
            entries.append(unlisted(path))
            close(descriptor)
            return
        }
        defer { closedir(directory) }
        let parent = dirfd(directory)
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { entries.append(unlisted(path)) }
                return
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            var own = stat(), followed = stat()
            let isDirectory = DirectoryChain.withCName(name) { fstatat(parent, $0, &own, AT_SYMLINK_NOFOLLOW) } == 0
                && own.st_mode & S_IFMT == S_IFDIR
            if isDirectory {
                guard !excluded.contains([UInt64(own.st_dev), UInt64(own.st_ino)]) else { continue }
                let child = DirectoryChain.openDirectory(at: parent, name)
                if child < 0 { entries.append(unlisted(path + [name])) } else { list(child, below: path + [name], excluding: excluded, into: &entries) }
                continue
            }
            let stamped = DirectoryChain.withCName(name) { fstatat(parent, $0, &followed, 0) } == 0
            let size = stamped && followed.st_mode & S_IFMT == S_IFREG ? Int(followed.st_size) : 0
            entries.append(TextDirectoryEntry(components: path + [name], stamp: stamped ? InputFingerprint.stamp(followed) : "?",
                                              size: size, listingError: nil))
        }
    }

    /// Passes over the next files, reading them only to hash them (see `position`).
    public mutating func skip(_ count: Int) {
        let n = min(count, entries.count - index)
        for _ in 0..<n {
            _ = load(entries[index])
            index += 1
        }
        ordinal += n
    }

    public mutating func next() -> Document? {
        nextRecord()?.document()
    }

    /// The next file, read but not decoded: its document is made by the thread that asks for
    /// it (a streaming run's worker).
    public mutating func nextRecord() -> RawRecord? {
        guard index < entries.count else { return nil }
        let entry = entries[index]
        index += 1
        defer { ordinal += 1 }
        let id = entry.id
        let loaded = load(entry)
        let position = self.position, ordinal = self.ordinal
        func failure(_ error: ReadError, raw: [UInt8]?) -> RawRecord {
            var document = Document(ordinal: ordinal, id: id, source: id, text: "", bytesIn: raw?.count ?? 0, readError: error, rawBytes: raw)
            document.inputPosition = position
            return RawRecord(document: document)
        }
        if let error = loaded.error { return failure(error, raw: loaded.bytes) }
        let bytes = loaded.bytes ?? []
        let length = entry.relative.count
        if length > maxPathBytes {
            return failure(ReadError(code: "path_too_long", message: "path too long: \(length) bytes below the input folder, over the \(maxPathBytes) that fit in PATH_MAX (\(PATH_MAX)) with the input or output folder; its content is kept"), raw: bytes)
        }
        if !entry.isUTF8 {
            return failure(ReadError(code: "invalid_utf8_name", message: "the file name is not UTF-8: the id writes each byte that is not UTF-8 as \\xHH and a backslash as \\\\; its content is kept"), raw: bytes)
        }
        let decoder = self.decoder
        return RawRecord {
            let decoded = decoder.decode(bytes)
            var document = Document(ordinal: ordinal, id: id, source: id, text: decoded.text, bytesIn: bytes.count,
                                    readError: decoded.error, decodingNote: decoded.note, rawBytes: decoded.error != nil ? bytes : nil)
            document.inputPosition = position
            return document
        }
    }

    /// Reads an entry: its bytes, or why it cannot be a document (with the first bytes of a
    /// file over `maxDocumentBytes`). Hashes the path and what was read (see `position`) and
    /// counts the file's listed size as read (progress).
    private mutating func load(_ entry: TextDirectoryEntry) -> (bytes: [UInt8]?, error: ReadError?) {
        let result = read(entry)
        let relative = entry.relative, bytes = result.bytes ?? []
        hash.update(relative[...])
        hash.update([0][...])
        hash.update(bytes[...])
        consumed += entry.size
        return result
    }

    private func read(_ entry: TextDirectoryEntry) -> (bytes: [UInt8]?, error: ReadError?) {
        func unreadable(_ what: String) -> (bytes: [UInt8]?, error: ReadError?) {
            (nil, ReadError(code: "unreadable", message: errno == EACCES ? "unreadable: permission denied" : "unreadable: \(what): \(String(cString: strerror(errno)))"))
        }
        if let reason = entry.listingError { return (nil, ReadError(code: "unreadable", message: reason)) }
        guard let folder = directories.descriptor(of: entry.components.dropLast()) else { return unreadable("cannot open its folder") }
        let name = entry.components.last!
        var info = stat()
        if DirectoryChain.withCName(name, { fstatat(folder, $0, &info, 0) }) == 0, info.st_mode & S_IFMT != S_IFREG {
            let kind = info.st_mode & S_IFMT
            let what = kind == S_IFDIR ? "a link to a folder (not followed)" : kind == S_IFIFO ? "a FIFO" : kind == S_IFSOCK ? "a socket"
                : kind == S_IFCHR ? "a character device" : "a block device"
            return (nil, ReadError(code: "not_regular_file", message: "not a regular file: \(what)"))
        }
        let descriptor = DirectoryChain.withCName(name) { openat(folder, $0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard descriptor >= 0 else { return unreadable("cannot open") }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return (nil, ReadError(code: "not_regular_file", message: "not a regular file"))
        }
        let tooLarge = Int(info.st_size) > maxDocumentBytes
        // One byte past the limit tells a file that grew while it was read.
        guard let bytes = Self.read(descriptor, upTo: tooLarge ? ReadError.keptBytes : maxDocumentBytes + 1) else {
            return unreadable("read error")
        }
        if tooLarge || bytes.count > maxDocumentBytes {
            let head = Array(bytes.prefix(ReadError.keptBytes))
            return (head, .tooLarge(size: max(Int(info.st_size), bytes.count), limit: maxDocumentBytes, kept: head.count))
        }
        return (bytes, nil)
    }

    /// Up to `limit` bytes from `descriptor`; nil (errno set) on a read error.
    private static func read(_ descriptor: Int32, upTo limit: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, min($0.count, limit - bytes.count)) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            bytes += chunk[..<n]
        }
        return bytes
    }
}
