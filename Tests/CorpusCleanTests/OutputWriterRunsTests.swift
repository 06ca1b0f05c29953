import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// The writer writes the lines encoded ahead a run of documents at a time: the files are those
/// of a writer that encodes every line itself, whatever breaks the runs (an error document, a
/// document encoded again, one with no lines encoded ahead), and the checkpoint's offsets are
/// the sizes of the files.
@Suite struct OutputWriterRunsTests {
    static let parser = JSONLRecordParser(idField: "id", textField: "text", annotationField: nil)

    /// The six documents as the writer gets them, and the lines of the first five encoded ahead
    /// into one chunk's buffers: d2's while it was still kept.
    static func batch(_ lines: OutputLineEncoder) -> (states: [DocumentState], encoded: [EncodedOutput], lines: EncodedLines) {
        let records = [#"{"id":"d0","text":"The first text.\n"}"#, "not json", #"{"id":"d2","text":"A copy.\n"}"#,
                       #"{"id":"d3","text":"The third text,\nof two lines.\n"}"#, #"{"id":"d4","text":"Four.\n"}"#,
                       #"{"id":"d5","text":"The last one.\n"}"#]
        var states = records.enumerated().map { n, line in
            DocumentState(document: parser.parse(Array(line.utf8), ordinal: n, source: "t:\(n + 1)"))
        }
        #expect(states[1].status == .error)
        var buffers = EncodedLineBuffers()
        let encoded: [EncodedOutput] = states.prefix(5).map { lines.encode($0, into: &buffers) }
        var drop = StageReport(stage: .dedup)
        drop.duplicate = DuplicateMatch(duplicateOf: "d0", similarity: 1, exact: true)
        drop.dropReason = .duplicate(exact: true)
        states[2].record(drop)
        #expect(!encoded[2].holds(for: states[2]))
        return (states, encoded, buffers.lines())
    }

    /// The files a writer of `layout` leaves, its lines encoded ahead or not; checks the
    /// checkpoint's offsets against the staged files' sizes.
    static func written(layout: OutputLayout, compression: OutputCompression, ahead: Bool) throws -> [String: Data] {
        let directory = try TestSupport.temporaryDirectory("writer-runs")
        let encoder = RecordEncoder(output: OutputOptions(), input: InputOptions())
        let standardOutput = directory.appendingPathComponent("stdout")
        var saved: Int32 = -1
        if layout == .stdout {
            // The writer writes to a copy of descriptor 1, made when it opens its files.
            let file = open(standardOutput.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            saved = dup(1)
            dup2(file, 1)
            close(file)
        }
        let writer = try OutputWriter(directory: directory.path, layout: layout, encoder: encoder, compression: compression,
                                      configHash: "h", input: "in")
        if layout == .stdout {
            dup2(saved, 1)
            close(saved)
        }
        var (states, encoded, lines) = batch(writer.lines)
        if ahead {
            try writer.write(&states, encoded: encoded, lines: lines)
        } else {
            try writer.write(states)
        }
        let summary = RunSummary(stages: [], configHash: "h", input: "in")
        try writer.checkpoint(documents: states.count, summary: summary)
        let checkpoint = try #require(try OutputWriter.pendingCheckpoint(in: directory.path))
        var names = [OutputWriter.manifestName, OutputWriter.rejectedName]
        if layout == .jsonl, compression == .none { names.append(OutputWriter.documentsName) }
        for name in names {
            let size = try FileManager.default.attributesOfItem(atPath: writer.staging + "/" + name)[.size] as? Int
            #expect(checkpoint.offsets[name] == size, "\(name)")
        }
        try writer.commit(summary: [])
        var files: [String: Data] = [:]
        for name in [OutputWriter.manifestName, OutputWriter.rejectedName] {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        switch layout {
        case .stdout: files["stdout"] = try Data(contentsOf: standardOutput)
        default:
            let documents = directory.appendingPathComponent(writer.documentsFileName)
            files[writer.documentsFileName] = compression == .gzip
                ? Data(try TestSupport.runShell("gzip -dc '\(documents.path)'").utf8) : try Data(contentsOf: documents)
        }
        return files
    }

    @Test(arguments: [(OutputLayout.jsonl, OutputCompression.none), (.jsonl, .gzip), (.stdout, .none)])
    func linesEncodedAheadAreWrittenAsEncodedHere(layout: OutputLayout, compression: OutputCompression) throws {
        let ahead = try Self.written(layout: layout, compression: compression, ahead: true)
        let here = try Self.written(layout: layout, compression: compression, ahead: false)
        #expect(ahead == here)
        let manifest = String(decoding: ahead[OutputWriter.manifestName]!, as: UTF8.self)
        #expect(manifest.split(separator: "\n").count == 6)
        let rejected = String(decoding: ahead[OutputWriter.rejectedName]!, as: UTF8.self).split(separator: "\n")
        #expect(rejected.count == 2)
        #expect(rejected.first?.contains(#""status":"error""#) == true)
        #expect(rejected.last?.contains(#""d2""#) == true)
        let documents = String(decoding: ahead[layout == .stdout ? "stdout" : "documents.jsonl" + compression.suffix]!, as: UTF8.self)
        #expect(documents.split(separator: "\n").compactMap { $0.split(separator: "\"").dropFirst(3).first } == ["d0", "d3", "d4", "d5"])
    }

    /// A layout's name in checkpoints is the case's name, as interpolation gives it.
    @Test func layoutNamesAreTheCasesNames() {
        for layout in [OutputLayout.files, .jsonl, .shards, .stdout] { #expect(layout.name == "\(layout)") }
    }
}
