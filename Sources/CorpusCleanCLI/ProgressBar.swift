import Dispatch
import CorpusClean
import Foundation

/// A one-line progress display on stderr: documents, MB/s and, when the total is known, ETA.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(done: Int, bytes: Int, expected: Int?) {
        guard enabled else { return }
        let seconds = max(1e-9, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        let rate = Double(bytes) / 1_000_000 / seconds
        var line = "\r\u{1B}[K\(done)"
        if let expected, expected > 0 {
            let fraction = min(1, Double(done) / Double(expected))
            let filled = Int(fraction * 24)
            let eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0
            line = "\r\u{1B}[K[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 24 - filled)
                + "] \(done)/\(expected) docs  \(JSONWriter.format(rate, decimals: 1)) MB/s  ETA \(Int(eta.rounded())) s"
        } else {
            line += " docs  \(JSONWriter.format(rate, decimals: 1)) MB/s"
        }
        FileHandle.standardError.write(Data(line.utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        shown = false
    }
}
