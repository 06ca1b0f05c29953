import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One replacement made by a commit: the staged file or directory `from` becomes `to`.
public struct CommitMove: Sendable, Equatable {
    public let from: String
    public let to: String
    public init(from: String, to: String) {
        self.from = OutputCommit.absolute(from)
        self.to = OutputCommit.absolute(to)
    }
}

/// The commit protocol shared by every product of a run (docs/ or documents.jsonl,
/// rejected.jsonl, manifest.jsonl, summary.json, and the dedup index):
///
/// 1. everything new is complete and synced in staging;
/// 2. the commit marker (`out/.commit.json`, listing every move with the device and inode of
///    the staged item, and what to remove) is written to a temporary file, synced, and renamed
///    into place: that one rename is the commit point;
/// 3. the moves are made, each idempotent (a move whose target already has the staged inode
///    is done; a directory replaces a directory with one `renameat2(RENAME_EXCHANGE)`), the
///    directories are synced, the leftovers removed, and the marker removed last.
///
/// A run that starts (plain or `--resume`) on an output directory holding a marker finishes
/// that commit first (`recover`). So after a kill at any point either the old state or the
/// new one is whole, for the output and the index together. See docs/commit-protocol.md.
public enum OutputCommit {
    public static let markerName = ".commit.json"
    static let version = 1

    struct Step {
        let from: String
        let to: String
        let device: UInt64
        let inode: UInt64
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return (path as NSString).standardizingPath }
        return ((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    private static func fail(_ path: String, _ message: String) -> InputError {
        InputError(path: path, message: message)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    /// Device and inode of `path` itself (not following a symbolic link), nil when absent.
    static func identity(_ path: String) -> (UInt64, UInt64)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func remove(_ path: String) throws(InputError) {
        guard identity(path) != nil else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            if identity(path) != nil { throw fail(path, "cannot remove: \(error.localizedDescription)") }
        }
    }

    /// fsync of a directory, so that the renames in it are on disk; its failure, nil when it
    /// succeeded (or the directory is gone).
    @discardableResult
    static func syncDirectory(_ path: String) -> InputError? {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return fsync(fd) == 0 ? nil : fail(path, "cannot sync the directory: \(errnoText())")
    }

    /// Truncates the regular files directly in the run's staging directory `path` (none when it
    /// is another directory or not one) that have no other link: a file of an old output may be
    /// hard-linked from a backup, which truncating would empty too.
    private static func emptyFiles(in path: String) {
        guard (path as NSString).lastPathComponent == ".staging", isDirectory(path),
              let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names {
            let file = (path as NSString).appendingPathComponent(name)
            var info = stat()
            guard lstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1, info.st_size > 0 else { continue }
            let fd = open(file, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else { continue }
            _ = ftruncate(fd, 0)
            close(fd)
        }
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc's renameat2 (not in Swift's Glibc module), when the C library has it.
    private static let renameat2: Renameat2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()

    /// Swaps two existing directories in one step; false when the system cannot.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        guard let renameat2 else { return false }
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
    }

    /// Makes one move, or finishes it: safe to call again after a kill at any point.
    static func place(_ step: Step) throws(InputError) {
        let aside = step.to + ".old-commit"
        if let target = identity(step.to), target == (step.device, step.inode) {
            // Done. `from` holds the old directory after an exchange.
            try remove(step.from)
            try remove(aside)
            return
        }
        guard let source = identity(step.from), source == (step.device, step.inode) else {
            throw fail(step.to, "cannot finish the interrupted commit: neither \(step.from) nor \(step.to) holds the staged output")
        }
        if isDirectory(step.to) {
            if exchange(step.from, step.to) {
                try remove(step.from)
                return
            }
            // Two renames where the file system cannot exchange; a kill between them is
            // finished by the next run (the marker is still there).
            try remove(aside)
            if rename(step.to, aside) != 0 { throw fail(step.to, "cannot move aside: \(errnoText())") }
        }
        if rename(step.from, step.to) != 0 { throw fail(step.to, "cannot move into place: \(errnoText())") }
        try remove(aside)
    }

    private static func markerJSON(steps: [Step], removals: [String], run: JSONValue?) -> [UInt8] {
        var w = JSONWriter()
        w.openObject()
        w.key("version"); w.int(version)
        w.key("moves")
        w.openArray()
        for step in steps {
            w.openObject()
            w.key("from"); w.string(step.from)
            w.key("to"); w.string(step.to)
            w.key("device"); w.string(String(step.device))
            w.key("inode"); w.string(String(step.inode))
            w.closeObject()
        }
        w.closeArray()
        w.key("remove")
        w.openArray()
        for path in removals { w.string(path) }
        w.closeArray()
        if let run { w.key("run"); w.value(run) }
        w.closeObject()
        w.newline()
        return w.bytes
    }

    /// Commits `moves` (in order) and then `removals`, as one step for a kill: writes the
    /// marker in `directory` (the commit point) and carries it out. `run` is kept in the
    /// marker for `recover`. Everything staged must already be synced.
    package static func perform(directory: String, moves: [CommitMove], removals: [String], run: JSONValue?) throws(InputError) {
        var steps: [Step] = []
        for move in moves {
            guard let (device, inode) = identity(move.from) else { throw fail(move.from, "the staged output is missing") }
            steps.append(Step(from: move.from, to: move.to, device: device, inode: inode))
        }
        let marker = (directory as NSString).appendingPathComponent(markerName)
        let temporary = marker + ".tmp"
        let file = try BufferedFile(path: temporary)
        try file.write(markerJSON(steps: steps, removals: removals.map(absolute), run: run))
        try file.close()
        if rename(temporary, marker) != 0 { throw fail(marker, "cannot write the commit marker: \(errnoText())") }
        // Past the commit point: on a failure the marker stays, and the next run finishes the commit.
        if let failure = syncDirectory(directory) { throw failure }
        try apply(directory: directory, steps: steps, removals: removals.map(absolute), emptying: true)
    }

    /// `emptying`: once the moves are made, the files left in the directories to remove (what
    /// staging held besides the products: the journal, the corpus stages' files for `--resume`)
    /// are emptied while the parent directories are synced, so that freeing their blocks
    /// overlaps those waits instead of following the commit (when the last holder closes them).
    private static func apply(directory: String, steps: [Step], removals: [String], emptying: Bool = false) throws(InputError) {
        for step in steps { try place(step) }
        var parents = Set<String>()
        for step in steps {
            parents.insert((step.to as NSString).deletingLastPathComponent)
            parents.insert((step.from as NSString).deletingLastPathComponent)
        }
        // After the moves: nothing in a directory to remove is read again (`recover` only
        // removes it), and no product is left in one.
        let emptied = emptying ? DiskWaits.start([{ for path in removals { emptyFiles(in: path) } }]) : nil
        let synced = DiskWaits.failure { () throws(InputError) in
            try DiskWaits.run(parents.sorted().map { parent in { syncDirectory(parent) } })
        }
        emptied?.wait()
        // The marker stays until the moves are on disk: the next run finishes the commit.
        if let synced { throw synced }
        for path in removals { try remove(path) }
        let marker = (directory as NSString).appendingPathComponent(markerName)
        if unlink(marker) != 0 && errno != ENOENT { throw fail(marker, "cannot remove the commit marker: \(errnoText())") }
        syncDirectory(directory)
    }

    /// Finishes the commit of a run that was killed after its commit point, if `directory`
    /// holds its marker. Returns the marker's `run` value then, nil when there was none.
    public static func recover(directory: String) throws(InputError) -> JSONValue? {
        let marker = (directory as NSString).appendingPathComponent(markerName)
        try remove(marker + ".tmp")
        guard let data = FileManager.default.contents(atPath: marker) else { return nil }
        guard let value = try? JSONParser.parse(Array(data)), value["version"]?.doubleValue == Double(version),
              case let .array(moveValues)? = value["moves"], case let .array(removeValues)? = value["remove"] else {
            throw fail(marker, "the commit marker of an interrupted run cannot be read; remove it to start afresh")
        }
        var steps: [Step] = []
        for move in moveValues {
            guard let from = move["from"]?.stringValue, let to = move["to"]?.stringValue,
                  let device = move["device"]?.stringValue.flatMap({ UInt64($0) }),
                  let inode = move["inode"]?.stringValue.flatMap({ UInt64($0) }) else {
                throw fail(marker, "the commit marker of an interrupted run cannot be read; remove it to start afresh")
            }
            steps.append(Step(from: from, to: to, device: device, inode: inode))
        }
        try apply(directory: directory, steps: steps, removals: removeValues.compactMap(\.stringValue))
        return value["run"] ?? .object([])
    }
}
