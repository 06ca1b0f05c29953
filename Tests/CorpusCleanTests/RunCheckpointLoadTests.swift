import Foundation
import Testing
@testable import CorpusCleanCore

/// Which file `RunCheckpoint.load` reads: `checkpoint.json` when it exists, whole or not, and
/// `checkpoint.json.next` only when there is no `checkpoint.json`.
struct RunCheckpointLoadTests {
    static func checkpoint(documents: Int) -> [UInt8] {
        RunCheckpoint.json(configHash: "c", input: "in.jsonl", inputFingerprint: "f", inputRead: nil, layout: "jsonl",
                           documents: documents, offsets: [:],
                           summary: RunSummary(stages: [], configHash: "c", input: "in.jsonl"))
    }

    static func files(_ name: String, current: [UInt8]?, next: [UInt8]?) throws -> String {
        let path = try TestSupport.temporaryDirectory(name).appendingPathComponent(RunCheckpoint.fileName).path
        if let current { #expect(FileManager.default.createFile(atPath: path, contents: Data(current))) }
        if let next { #expect(FileManager.default.createFile(atPath: RunCheckpoint.nextPath(path), contents: Data(next))) }
        return path
    }

    @Test func theCurrentCheckpointIsReadBeforeTheNext() throws {
        let path = try Self.files("load-both", current: Self.checkpoint(documents: 40), next: Self.checkpoint(documents: 60))
        #expect(try RunCheckpoint.load(path: path)?.documents == 40)
    }

    @Test func theNextCheckpointIsReadWhenThereIsNoCurrentOne() throws {
        let path = try Self.files("load-next", current: nil, next: Self.checkpoint(documents: 60))
        #expect(try RunCheckpoint.load(path: path)?.documents == 60)
        #expect(try RunCheckpoint.load(path: try Self.files("load-none", current: nil, next: nil)) == nil)
    }

    @Test func anEmptyCheckpointIsNoCheckpointAndTheNextIsNotReadForIt() throws {
        // What a power loss can leave: the run then starts afresh.
        let path = try Self.files("load-empty", current: [], next: Self.checkpoint(documents: 60))
        #expect(try RunCheckpoint.load(path: path) == nil)
    }

    @Test func anUnreadableCheckpointIsNoCheckpointAndTheNextIsNotReadForIt() throws {
        let path = try Self.files("load-unreadable", current: nil, next: Self.checkpoint(documents: 60))
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(try RunCheckpoint.load(path: path) == nil)
    }
}
