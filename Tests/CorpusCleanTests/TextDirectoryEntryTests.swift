import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Entries of a text directory that are not plain readable files end as error lines in the
/// manifest: nothing is skipped without a trace, and nothing is read forever.
@Suite struct TextDirectoryEntryTests {
    static let text = "A perfectly normal paragraph of text that is long enough to be kept by every stage of the pipeline.\n"

    @Test func aFIFOAndALinkToDevZeroAreErrorsNotEndlessReads() throws {
        let input = try TestSupport.temporaryDirectory("in")
        try Self.text.write(to: input.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        #expect(mkfifo(input.appendingPathComponent("b.fifo").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("c.zero").path, withDestinationPath: "/dev/zero")
        let output = try TestSupport.temporaryDirectory("out")
        let start = Date()
        let summary = try TestSupport.runJob(try TestSupport.config("{}"), input: input, output: output)
        #expect(Date().timeIntervalSince(start) < 30)
        let manifest = try TestSupport.manifest(output)
        #expect(manifest.map { $0["id"]?.stringValue } == ["a.txt", "b.fifo", "c.zero"])
        #expect(manifest.map { $0["status"]?.stringValue } == ["kept", "error", "error"])
        #expect(manifest[1]["reason"]?.stringValue == "not a regular file: a FIFO")
        #expect(manifest[2]["reason"]?.stringValue == "not a regular file: a character device")
        #expect(summary.errorReasons == ["not_regular_file": 2])
    }

    @Test func aFileOverMaxDocumentBytesIsAnErrorWithItsFirstBytesKept() throws {
        let input = try TestSupport.temporaryDirectory("in")
        try Self.text.write(to: input.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try String(repeating: Self.text, count: 50).write(to: input.appendingPathComponent("big.txt"), atomically: true, encoding: .utf8)
        let output = try TestSupport.temporaryDirectory("out")
        try TestSupport.runJob(try TestSupport.config(#"{"input": {"max_document_bytes": 1000}}"#), input: input, output: output)
        let manifest = try TestSupport.manifest(output)
        #expect(manifest.map { $0["status"]?.stringValue } == ["kept", "error"])
        let size = String(repeating: Self.text, count: 50).utf8.count
        #expect(manifest[1]["reason"]?.stringValue?.hasPrefix("larger than max_document_bytes (\(size) > 1000 bytes)") == true)
        let rejected = try TestSupport.lines(output.appendingPathComponent("rejected.jsonl"))
        #expect(rejected.first?["raw"]?.stringValue == String(repeating: Self.text, count: 50))
    }

    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                   "drops to the nobody user: needs root, as CI runs"))
    func aSubdirectoryThatCannotBeListedIsAnError() throws {
        let base = try TestSupport.temporaryDirectory("perm")
        let input = base.appendingPathComponent("in"), output = base.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input.appendingPathComponent("closed"), withIntermediateDirectories: true)
        try Self.text.write(to: input.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try Self.text.write(to: input.appendingPathComponent("closed/hidden.txt"), atomically: true, encoding: .utf8)
        try TestSupport.runShell("chmod 755 '\(base.path)' && chmod -R a+rX '\(input.path)' && chmod 000 '\(input.path)/closed' && mkdir '\(output.path)' && chmod 777 '\(output.path)' && chmod a+x \"$(dirname '\(base.path)')\"")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", TestSupport.binary.path, "run",
                             "-i", input.path, "-o", output.path]
        process.currentDirectoryURL = base
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        let manifest = try TestSupport.manifest(output)
        #expect(manifest.map { $0["id"]?.stringValue } == ["a.txt", "closed"])
        #expect(manifest.last?["status"]?.stringValue == "error")
        #expect(manifest.last?["reason"]?.stringValue?.hasPrefix("unreadable: cannot list") == true)
    }

    /// Runs the binary on `input` into a new folder, plainly and with --strict: the exit
    /// statuses, and the manifest and rejected.jsonl lines of the plain run by id.
    static func runTwice(_ input: URL) throws -> (statuses: [Int32], manifest: [String: JSONValue], rejected: [String: JSONValue]) {
        let base = try TestSupport.temporaryDirectory("out")
        let plain = base.appendingPathComponent("plain"), strict = base.appendingPathComponent("strict")
        let statuses = [try TestSupport.runBinary(["run", "-i", input.path, "-o", plain.path]).status,
                        try TestSupport.runBinary(["run", "-i", input.path, "-o", strict.path, "--strict"]).status]
        func byID(_ lines: [JSONValue]) -> [String: JSONValue] {
            Dictionary(lines.map { ($0["id"]?.stringValue ?? "", $0) }) { first, _ in first }
        }
        return (statuses, byID(try TestSupport.manifest(plain)), byID(try TestSupport.lines(plain.appendingPathComponent("rejected.jsonl"))))
    }

    @Test func aNameThatIsNotUTF8IsAnErrorWithAnEscapedIDAndItsContentKept() throws {
        let input = try TestSupport.temporaryDirectory("in")
        try Self.text.write(to: input.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        // caf<E9>\x.txt: Latin-1 é, then a backslash that the escaping must tell from an escape.
        let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(#"\x.txt"#.utf8)
        let path = Array(input.path.utf8) + [UInt8(ascii: "/")] + name
        let descriptor = DirectoryChain.withCName(path) { open($0, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        #expect(descriptor >= 0)
        let content = "Ein ganz normaler Absatz, dessen Dateiname in Latin-1 geschrieben wurde, lang genug für jede Stufe.\n"
        _ = Array(content.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)

        let run = try Self.runTwice(input)
        #expect(run.statuses == [3, 1])
        let id = #"caf\xE9\\x.txt"#
        #expect(TextDirectoryEntry.escaped(name) == id)
        #expect(run.manifest[id]?["status"]?.stringValue == "error")
        #expect(run.manifest[id]?["reason"]?.stringValue?.hasPrefix("the file name is not UTF-8") == true)
        #expect(run.rejected[id]?["raw"]?.stringValue == content)
        #expect(run.manifest["a.txt"]?["status"]?.stringValue == "kept")
    }

    @Test func theEscapingOfNamesIsLossless() {
        let cases: [[UInt8]] = [[0x61, 0x5C, 0xFF, 0xC3, 0xA9], [0xC3], [0xE2, 0x82], Array(#"\xE9"#.utf8) + [0xE9], [0xF0, 0x9F, 0x98, 0x80, 0x80]]
        for bytes in cases {
            #expect(Self.unescaped(TextDirectoryEntry.escaped(bytes)) == bytes, "\(bytes)")
        }
        #expect(TextDirectoryEntry.escaped([0x61, 0x5C, 0xFF, 0xC3, 0xA9]) == #"a\\\xFFé"#)
    }

    /// The documented inverse of the escaping: `\\` is a backslash, `\xHH` a byte.
    static func unescaped(_ id: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var utf8 = Array(id.utf8)[...]
        while let first = utf8.first {
            if first == UInt8(ascii: "\\"), utf8.dropFirst().first == UInt8(ascii: "\\") {
                bytes.append(first)
                utf8 = utf8.dropFirst(2)
            } else if first == UInt8(ascii: "\\"), let byte = UInt8(String(decoding: utf8.dropFirst(2).prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(byte)
                utf8 = utf8.dropFirst(4)
            } else {
                bytes.append(first)
                utf8 = utf8.dropFirst()
            }
        }
        return bytes
    }

    @Test func aPathOverPathMaxIsAnErrorWithItsContentKept() throws {
        let input = try TestSupport.temporaryDirectory("in")
        defer { _ = try? TestSupport.runShell("rm -rf '\(input.path)'") }
        try Self.text.write(to: input.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        // 20 folders of 240 bytes, 4,828 bytes below the input folder: made one level at a time.
        let folder = Array(repeating: UInt8(ascii: "d"), count: 240)
        var descriptor = open(input.path, O_RDONLY | O_DIRECTORY)
        for _ in 0..<20 {
            #expect(DirectoryChain.withCName(folder) { mkdirat(descriptor, $0, 0o755) } == 0)
            let child = DirectoryChain.openDirectory(at: descriptor, folder)
            close(descriptor)
            descriptor = child
        }
        let file = DirectoryChain.withCName(Array("deep.txt".utf8)) { openat(descriptor, $0, O_WRONLY | O_CREAT, 0o644) }
        let content = "Deep text that no path under PATH_MAX reaches, long enough to be kept.\n"
        #expect(Array(content.utf8).withUnsafeBytes { write(file, $0.baseAddress, $0.count) } == content.utf8.count)
        close(file)
        close(descriptor)
        let id = Array(repeating: String(decoding: folder, as: UTF8.self), count: 20).joined(separator: "/") + "/deep.txt"
        #expect(id.utf8.count > Int(PATH_MAX))

        let run = try Self.runTwice(input)
        #expect(run.statuses == [3, 1])
        #expect(run.manifest[id]?["status"]?.stringValue == "error")
        #expect(run.manifest[id]?["reason"]?.stringValue?.hasPrefix("path too long: 4828 bytes") == true)
        #expect(run.rejected[id]?["raw"]?.stringValue == content)
        #expect(run.manifest["a.txt"]?["status"]?.stringValue == "kept")
    }
}
