import Foundation
import Testing
@testable import CorpusClean

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
}
