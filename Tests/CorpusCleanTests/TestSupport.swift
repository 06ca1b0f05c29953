import Foundation
import Logging
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The package root (found from this file's path).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var seeds: URL { packageRoot.appendingPathComponent("seeds") }

    /// `../shared/data` beside the repo, when it is there.
    static var sharedData: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data") }

    /// The built `corpusclean` binary (CORPUSCLEAN_BIN overrides): the one beside the test
    /// binary (the same build folder, whatever --scratch-path), else `.build/debug`.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["CORPUSCLEAN_BIN"] { return URL(fileURLWithPath: path) }
        if let sibling = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("corpusclean"),
           FileManager.default.isExecutableFile(atPath: sibling.path) {
            return sibling
        }
        return packageRoot.appendingPathComponent(".build/debug/corpusclean")
    }

    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// A fresh empty directory under the system temp directory.
    static func temporaryDirectory(_ name: String = "cc") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func seedText(_ name: String) throws -> String {
        try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8)
    }

    static var seedNames: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }.sorted()) ?? []
    }

    /// Copies the seeds into a new directory and returns it.
    static func copyOfSeeds() throws -> URL {
        let dir = try temporaryDirectory("seeds")
        for name in seedNames {
            try FileManager.default.copyItem(at: seeds.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    /// Runs one document through a stage.
    static func run(_ stage: some DocumentStage, _ text: String) -> (text: String, report: StageReport) {
        var state = DocumentState(document: Document(ordinal: 0, id: "t", source: "t", text: text))
        let report = stage.process(&state)
        return (state.text, report)
    }

    /// Runs the pipeline of `config` from `input` into `output` in-process.
    @discardableResult
    static func runJob(_ config: PipelineConfig, input: URL, output: URL) throws -> RunSummary {
        try RunJob(config: config, inputPath: input.path, outputDirectory: output.path, logger: logger).run()
    }

    /// A config from JSON text (relative paths resolve against the current directory).
    static func config(_ json: String) throws -> PipelineConfig {
        try PipelineConfig(file: "test.json", baseDirectory: ".", value: try JSONParser.parse(string: json))
    }

    /// Manifest lines parsed, in order.
    static func manifest(_ output: URL) throws -> [JSONValue] {
        try lines(output.appendingPathComponent("manifest.jsonl"))
    }

    static func lines(_ url: URL) throws -> [JSONValue] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONParser.parse(string: String($0)) }
    }

    /// Runs a shell command and returns its standard output; fails the test on a non-zero exit.
    @discardableResult
    static func runShell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "shell", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: command])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Result of running the real binary.
    struct ProcessResult {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the corpusclean binary with `arguments` in `directory`, feeding `stdin`, with
    /// `environment` added to this process's environment.
    static func runBinary(_ arguments: [String], in directory: URL? = nil, stdin: Data? = nil,
                          environment: [String: String] = [:]) throws -> ProcessResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}
