import Foundation

/// A new, empty file of this process in `$TMPDIR` (else /tmp), made with `mkstemp`, closed on exec.
package struct TemporaryFile {
    /// The folder temporary files go to: `$TMPDIR` when set and not empty, else /tmp.
    package static var directory: String {
        ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    package let descriptor: Int32
    package let path: String

    /// Makes `<directory>/<prefix>XXXXXX`; nil (with `errno` set) when it cannot be made.
    package init?(prefix: String, directory: String = Self.directory) {
        var template = Array((directory + "/" + prefix + "XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        // Close-on-exec: a child process (a task of a local run) must not keep the file open.
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
