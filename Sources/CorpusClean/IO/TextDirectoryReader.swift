import Foundation

/// Reads every regular file under a directory, recursively, sorted by relative path (byte
/// order); the id of a document is its path relative to the directory. A directory given
/// in `excluding` (the run's own output directory, when it lies inside the input) is skipped.
public struct TextDirectoryReader: DocumentReader {
    public let root: String
    public let paths: [String]
    private let decoder: ByteDecoder
    private var position = 0
    private var ordinal = 0

    public var producesFiles: Bool { true }
    public var expectedCount: Int? { paths.count }

    public init(root: String, decoder: ByteDecoder, excluding: [String] = []) throws(InputError) {
        self.root = root
        self.decoder = decoder
        let base = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey],
                                                              options: [], errorHandler: { _, _ in true }) else {
            throw InputError(path: root, message: "cannot list the directory")
        }
        var found: [String] = []
        let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
        let excluded = Set(excluding.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey])
            if values?.isDirectory == true {
                if excluded.contains(url.standardizedFileURL.path) { enumerator.skipDescendants() }
                continue
            }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            found.append(String(path.dropFirst(prefix.count)))
        }
        paths = found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Skips without reading the files.
    public mutating func skip(_ count: Int) {
        let n = min(count, paths.count - position)
        position += n
        ordinal += n
    }

    public mutating func next() -> Document? {
        guard position < paths.count else { return nil }
        let relative = paths[position]
        position += 1
        defer { ordinal += 1 }
        let full = (root as NSString).appendingPathComponent(relative)
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
