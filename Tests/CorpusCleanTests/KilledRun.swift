import Foundation
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut
#if canImport(Glibc)
import Glibc
#endif

/// Runs the binary and kills it with SIGKILL as soon as its checkpoint in `output` counts at
/// least `documents` documents, as a crash would: the run is left to `--resume`.
enum KilledRun {
    /// Returns the documents of the checkpoint it left (0 when the run ended first)
    /// and how the process ended.
    static func run(_ arguments: [String], output: URL, documents: Int) throws -> (killedAt: Int, reason: Process.TerminationReason) {
        let process = Process()
        process.executableURL = TestSupport.binary
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The run at the lowest priority (its threads, made after this, inherit it), so that on
        // a loaded machine this poller still sees a checkpoint before the run has ended.
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(process.processIdentifier), 19)
        let checkpointPath = output.appendingPathComponent(".staging/checkpoint.json").path
        var killedAt = 0
        for _ in 0..<3000 {
            if let checkpoint = try RunCheckpoint.load(path: checkpointPath), checkpoint.documents >= documents {
                kill(process.processIdentifier, SIGKILL)
                killedAt = checkpoint.documents
                break
            }
            usleep(5000)
        }
        process.waitUntilExit()
        // The checkpoint a resume reads, once the process is gone: the run may have written a
        // later one between the read above and the kill.
        if killedAt > 0, let last = try RunCheckpoint.load(path: checkpointPath) { killedAt = last.documents }
        return (killedAt, process.terminationReason)
    }
}
