import Foundation

/// Reads every file under a directory, recursively, sorted by relative path (byte order); the
/// id of a document is its path relative to the directory. A directory given in `excluding`
/// (the run's own output directory, when it lies inside the input) is skipped.
///
/// Nothing is skipped without a trace: a subdirectory that cannot be listed, a FIFO, socket or
/// device (also behind a symbolic link: `/dev/zero` never ends), and a file larger than
/// `maxDocumentBytes` are error documents, never reads that hang or exhaust memory.
public struct TextDirectoryReader: DocumentReader {
    public let root: String
    public let paths: [String]
    /// Entries (relative paths) that could not be listed, and why.
    let listingErrors: [String: String]
    private let decoder: ByteDecoder
    private let maxDocumentBytes: Int
    /// Bytes of an oversized file kept in rejected.jsonl.
    static let keptBytes = 64 * 1024
    private var position = 0
    private var ordinal = 0
    /// The size of every file in `paths` (0 when it could not be read).
    private let sizes: [Int]
    private var consumed = 0

    public var producesFiles: Bool { true }
    public var expectedCount: Int? { paths.count }
    public var bytesRead: Int? { consumed }
    public var bytesTotal: Int? { sizes.reduce(0, +) }

    public init(root: String, decoder: ByteDecoder, maxDocumentBytes: Int = 64 << 20, excluding: [String] = []) throws(InputError) {
        self.root = root
        self.decoder = decoder
        self.maxDocumentBytes = maxDocumentBytes
        let base = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
        let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
        let failures = ListingFailures()
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey, .fileSizeKey],
                                                              options: [], errorHandler: { url, error in
            let path = url.standardizedFileURL.path
            if path.hasPrefix(prefix) {
                failures.add(String(path.dropFirst(prefix.count)), "unreadable: cannot list: \((error as NSError).localizedDescription)")
            }
            return true
        }) else {
            throw InputError(path: root, message: "cannot list the directory")
        }
        var found: [String] = []
        var sizeOf: [String: Int] = [:]
        let excluded = Set(excluding.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey])
            if values?.isDirectory == true {
                if excluded.contains(url.standardizedFileURL.path) { enumerator.skipDescendants() }
                continue
            }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            let relative = String(path.dropFirst(prefix.count))
            found.append(relative)
            sizeOf[relative] = (try? url.resourceValues(forKeys: [.fileSizeKey]))?.fileSize ?? 0
        }
        listingErrors = failures.entries
        paths = Set(found + failures.entries.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        sizes = paths.map { sizeOf[$0] ?? 0 }
    }

    /// Skips without reading the files.
    public mutating func skip(_ count: Int) {
        let n = min(count, paths.count - position)
        consumed += sizes[position..<(position + n)].reduce(0, +)
        position += n
        ordinal += n
    }

    public mutating func next() -> Document? {
        guard position < paths.count else { return nil }
        let relative = paths[position]
        consumed += sizes[position]
        position += 1
        defer { ordinal += 1 }
        let full = (root as NSString).appendingPathComponent(relative)
        func failure(_ code: String, _ message: String, raw: [UInt8]? = nil) -> Document {
            Document(ordinal: ordinal, id: relative, source: relative, text: "", bytesIn: raw?.count ?? 0,
                     readError: ReadError(code: code, message: message), rawBytes: raw)
        }
        if let reason = listingErrors[relative] { return failure("unreadable", reason) }
        var info = stat()
        if stat(full, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind != S_IFREG && kind != S_IFDIR {
                let name = kind == S_IFIFO ? "a FIFO" : kind == S_IFSOCK ? "a socket" : kind == S_IFCHR ? "a character device" : "a block device"
                return failure("not_regular_file", "not a regular file: \(name)")
            }
            if Int(info.st_size) > maxDocumentBytes {
                let head = FileHandle(forReadingAtPath: full).flatMap { try? $0.read(upToCount: Self.keptBytes) }.map(Array.init)
                return failure("too_large", "larger than max_document_bytes (\(info.st_size) > \(maxDocumentBytes) bytes); the first \(head?.count ?? 0) bytes are kept",
                               raw: head)
            }
        }
        guard let handle = FileHandle(forReadingAtPath: full) else {
            let reason = FileManager.default.isReadableFile(atPath: full) ? "unreadable: cannot open" : "unreadable: permission denied"
            return Document(ordinal: ordinal, id: relative, source: relative, text: "", bytesIn: 0,
                            readError: ReadError(code: "unreadable", message: reason))
        }
        defer { try? handle.close() }
        let bytes: [UInt8]
        do {
            bytes = Array(try handle.readToEnd() ?? Data())
        } catch {
            return Document(ordinal: ordinal, id: relative, source: relative, text: "", bytesIn: 0,
                            readError: ReadError(code: "unreadable", message: "unreadable: \(error.localizedDescription)"))
        }
        let decoded = decoder.decode(bytes)
        return Document(ordinal: ordinal, id: relative, source: relative, text: decoded.text, bytesIn: bytes.count,
                        readError: decoded.error, decodingNote: decoded.note, rawBytes: decoded.error != nil ? bytes : nil)
    }
}
