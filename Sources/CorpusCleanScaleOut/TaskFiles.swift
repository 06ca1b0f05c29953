import CorpusCleanCore
import CorpusCleanStages
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File operations of the tasks: whole files written under a temporary name and renamed,
/// read whole, linked (or copied across file systems), removed.
enum TaskFiles {
    static func fail(_ path: String, _ what: String) -> InputError {
        InputError(path: path, message: "\(what): \(String(cString: strerror(errno)))")
    }

    /// Writes `bytes` to `path.tmp-<pid>`, fsyncs it and renames it to `path`.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(InputError) {
        try makeFolder((path as NSString).deletingLastPathComponent)
        let temporary = path + ".tmp-\(getpid())"
        let file = try BufferedFile(path: temporary)
        try file.write(bytes)
        try file.close()
        guard rename(temporary, path) == 0 else { throw fail(path, "cannot rename \(temporary) into place") }
    }

    static func makeFolder(_ path: String) throws(InputError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw InputError(path: path, message: "cannot create the folder: \(error.localizedDescription)")
        }
    }

    static func read(_ path: String) throws(InputError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: path, message: "cannot read a task's output (was its task run?)")
        }
        return Array(data)
    }

    static func readJSON(_ path: String) throws(InputError) -> JSONValue {
        guard let value = try? JSONParser.parse(try read(path)) else { throw InputError(path: path, message: "not JSON") }
        return value
    }

    /// Makes `to` the same file as `from`: a hard link, or a copy on another file system.
    static func link(_ from: String, to: String) throws(InputError) {
        try makeFolder((to as NSString).deletingLastPathComponent)
        unlink(to)
        if Glibc.link(from, to) == 0 { return }
        do {
            try FileManager.default.copyItem(atPath: from, toPath: to)
        } catch {
            throw InputError(path: to, message: "cannot copy \(from): \(error.localizedDescription)")
        }
    }

    /// Appends the file at `path` to `output`.
    static func append(_ path: String, to output: BufferedFile) throws(InputError) {
        guard let input = fopen(path, "rb") else { throw fail(path, "cannot read") }
        defer { fclose(input) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, input) }
            if n == 0 { return }
            try output.write(Array(buffer[..<n]))
        }
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
