import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the run's input arguments (`--input`, given once or more, or `input.path`) name,
/// resolved before any work:
///
/// - `-`: standard input, alone.
/// - one file: JSON Lines or WET read as one input, cleaned into `documents.jsonl`.
/// - one folder of text files: one document per file, cleaned into `docs/` file by file.
/// - a shard folder, a glob, or several arguments: a sharded input. A folder is a shard folder
///   when every file in it (recursively) has a record name (`InputShard.recordSuffixes`); one
///   with none is a folder of text files; one with both is refused, naming files of each kind
///   (`input.format: "text"` reads it as text). A glob (`*`, `?`, `[...]`, quoted so that the
///   shell leaves it) is expanded here, also to folders. The shards' relative names are their
///   paths relative to the deepest folder holding every argument (a folder argument holds
///   itself): a single folder's files keep their names inside it. The shards are read in the
///   byte order of those names, whatever the order of the arguments.
///
/// Every shard is opened and its first bytes checked before any work: a file in a format that
/// is not read (Parquet, zip...) stops the run (exit 2) as a single file does.
public enum InputSet: Equatable {
    case standardInput
    case file(String)
    case textFolder(String)
    /// `items`: the arguments with globs expanded (files and folders).
    case shards(items: [String], shards: [InputShard])

    /// The paths the arguments named, globs expanded (nothing for standard input).
    public var items: [String] {
        switch self {
        case .standardInput: return []
        case let .file(path), let .textFolder(path): return [path]
        case let .shards(items, _): return items
        }
    }

    /// Resolves `arguments` under `input.format` (`format`); `excluding` is the run's output
    /// directory, left out of folders that hold it.
    public static func resolve(_ arguments: [String], format: InputFormat, excluding outputDirectory: String) throws(InputError) -> InputSet {
        guard !arguments.isEmpty else { throw usage("", "no input given") }
        if arguments == ["-"] { return .standardInput }
        if arguments.contains("-") {
            throw usage("-", "standard input (-) cannot be read together with other inputs")
        }
        var items: [String] = []
        var expanded = false
        for argument in arguments {
            if FileManager.default.fileExists(atPath: argument) {
                items.append(argument)
            } else if argument.contains(where: { "*?[".contains($0) }) {
                let matches = try glob(argument)
                guard !matches.isEmpty else { throw usage(argument, "the pattern matches no file") }
                items += matches
                expanded = true
            } else {
                throw InputError(path: argument, message: "no such file or directory")
            }
        }
        if items.count == 1, !expanded {
            let path = items[0]
            guard isDirectory(path) else { return .file(path) }
            if format == .text { return .textFolder(path) }
            // A text folder's entries that cannot be listed are error documents: not refused here.
            let files = try listing(path, excluding: outputDirectory, failing: false)
            if format == .auto, !files.contains(where: InputShard.isRecordFile) { return .textFolder(path) }
        } else if format == .text {
            throw usage(arguments.joined(separator: " "), "input.format is text, which reads one folder of text files, not several inputs or a pattern")
        }
        return .shards(items: items, shards: try shards(of: items, format: format, excluding: outputDirectory))
    }

    /// The shards of `items` (files and shard folders), named relative to their common folder.
    private static func shards(of items: [String], format: InputFormat, excluding outputDirectory: String) throws(InputError) -> [InputShard] {
        let absolute = items.map(standardized)
        let holders = zip(items, absolute).map { isDirectory($0.0) ? $0.1 : ($0.1 as NSString).deletingLastPathComponent }
        let root = commonFolder(holders)
        var shards: [InputShard] = []
        var origin: [String: String] = [:]
        for (item, path) in zip(items, absolute) {
            var files: [(path: String, relative: String)] = []
            if isDirectory(item) {
                let names = try listing(item, excluding: outputDirectory)
                if format == .auto {
                    let others = names.filter { !InputShard.isRecordFile($0) }
                    if !others.isEmpty {
                        try refuseMixed(folder: item, records: names.filter(InputShard.isRecordFile), others: others)
                    }
                }
                files = names.map { ((item as NSString).appendingPathComponent($0), relative((path as NSString).appendingPathComponent($0), to: root)) }
            } else {
                files = [(item, relative(path, to: root))]
            }
            for file in files {
                if let earlier = origin[file.relative] {
                    throw usage(file.path, "given twice (by \(earlier) and by \(item)); each shard is read once")
                }
                origin[file.relative] = item
                let isWET = format == .wet || (format == .auto && WARCReader.handles(file.relative))
                shards.append(InputShard(path: file.path, relative: file.relative, isWET: isWET))
            }
        }
        shards.sort { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
        for shard in shards {
            try checkRegularFile(shard.path)
            // Opening checks the magic bytes and the decompressed start: refuses Parquet, zip...
            _ = try LineSource(path: shard.path)
        }
        return shards
    }

    /// A folder with record files and other files: refused, by the first file in a format that
    /// is not read (as that file alone would be), else naming files of both kinds.
    private static func refuseMixed(folder: String, records: [String], others: [String]) throws(InputError) {
        for name in others {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let file = try? FileInput(path: path), let head = try? file.peek(count: InputContainer.magicLength) else { continue }
            if case let .unsupported(format) = InputContainer(head: head) {
                throw InputContainer.refusal(path: path, format: format)
            }
        }
        func some(_ names: [String]) -> String {
            names.prefix(3).joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : "")
        }
        if records.isEmpty {
            throw usage(folder, "a folder of text files cannot be read together with other inputs or through a pattern (found \(some(others)))")
        }
        throw usage(folder, "the folder mixes record files (\(some(records))) with other files (\(some(others))); a shard folder holds only "
                    + InputShard.recordSuffixes.joined(separator: ", ") + " files. Remove the others, or set input.format to \"text\" to read every file as one text document")
    }

    /// Every file under `folder` (relative paths, byte order), the output directory left out;
    /// with `failing`, a subdirectory that cannot be listed fails.
    private static func listing(_ folder: String, excluding outputDirectory: String, failing: Bool = true) throws(InputError) -> [String] {
        let listing = try TextDirectoryReader(root: folder, decoder: ByteDecoder(invalidUTF8: .error), excluding: [outputDirectory])
        if failing, let entry = listing.entries.first(where: { $0.listingError != nil }), let reason = entry.listingError {
            throw InputError(path: (folder as NSString).appendingPathComponent(entry.id), message: reason)
        }
        return listing.paths
    }

    private static func checkRegularFile(_ path: String) throws(InputError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputError(path: path, message: "cannot read: \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw usage(path, "not a regular file; a shard must be one") }
    }

    /// The paths `pattern` matches (glob(3)), in byte order.
    private static func glob(_ pattern: String) throws(InputError) -> [String] {
        var found = glob_t()
        defer { globfree(&found) }
        let status = Glibc.glob(pattern, 0, nil, &found)
        if status == GLOB_NOMATCH { return [] }
        guard status == 0 else { throw InputError(path: pattern, message: "cannot expand the pattern (glob error \(status))") }
        let paths = (0..<Int(found.gl_pathc)).compactMap { found.gl_pathv[$0].map { String(cString: $0) } }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `path` absolute, with `.` and `..` resolved (symbolic links are not followed).
    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The deepest folder that holds (or is) every one of `folders` (absolute paths).
    private static func commonFolder(_ folders: [String]) -> String {
        var common = folders[0].split(separator: "/", omittingEmptySubsequences: true)
        for folder in folders.dropFirst() {
            let parts = folder.split(separator: "/", omittingEmptySubsequences: true)
            common = Array(zip(common, parts).prefix { $0.0 == $0.1 }.map(\.0))
        }
        return "/" + common.joined(separator: "/")
    }

    private static func relative(_ path: String, to root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private static func usage(_ path: String, _ message: String) -> InputError {
        InputError(path: path, message: message, badArguments: true)
    }
}
