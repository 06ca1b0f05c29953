import Dispatch
import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Foundation

/// A one-line progress display on stderr. With the input's size known (a file, compressed
/// bytes for compressed input; a text folder): a bar, the percentage of the input read, the
/// documents, docs/s, MB/s and the time left. Without (a pipe): documents, docs/s and MB/s.
/// Rates and the time left count from the first report, so a run resumed halfway starts at
/// its share of the input, not at 0.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private var baseline: RunProgress?
    private var start: UInt64 = 0
    private var lastDrawn: UInt64 = 0
    private var pending: (RunProgress, Double)?
    private var shown = false

    /// Redraws at most this often (nanoseconds); the last report is drawn by `finish`.
    static let interval: UInt64 = 100_000_000
    static let width = 24

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ progress: RunProgress) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard let baseline else {
            baseline = progress
            start = now
            draw(ProgressBar.line(progress, since: progress, seconds: 0), at: now)
            return
        }
        let seconds = Double(now - start) / 1e9
        pending = (progress, seconds)
        if now - lastDrawn >= ProgressBar.interval {
            draw(ProgressBar.line(progress, since: baseline, seconds: seconds), at: now)
        }
    }

    private func draw(_ line: String, at now: UInt64) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        lastDrawn = now
        pending = nil
        shown = true
    }

    func finish() {
        if let (progress, seconds) = pending, let baseline {
            draw(ProgressBar.line(progress, since: baseline, seconds: seconds), at: 0)
        }
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        shown = false
    }

    /// The text of the line for `progress`, `seconds` after `baseline` (the first report).
    static func line(_ progress: RunProgress, since baseline: RunProgress, seconds: Double) -> String {
        let docsPerSecond = seconds > 0 ? Double(progress.documents - baseline.documents) / seconds : 0
        let megabytesPerSecond = seconds > 0 ? Double(progress.bytesRead - baseline.bytesRead) / 1e6 / seconds : 0
        let documents = progress.expectedDocuments.map { "\(progress.documents)/\($0) docs" } ?? "\(progress.documents) docs"
        let rates = "\(Int(docsPerSecond.rounded())) docs/s  \(JSONWriter.format(megabytesPerSecond, decimals: 1)) MB/s"
        guard let fraction = progress.fraction else { return "\(documents)  \(rates)" }
        let filled = min(width, Int(fraction * Double(width)))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        let percent = JSONWriter.format(fraction * 100, decimals: 1)
        let done = fraction - (baseline.fraction ?? 0)
        let eta = fraction >= 1 ? "0:00" : done > 0 && seconds > 0 ? clock(seconds * (1 - fraction) / done) : "--:--"
        return "\(bar) \(percent)%  \(documents)  \(rates)  ETA \(eta)"
    }

    /// `m:ss`, or `h:mm:ss` from an hour.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? "\(hours):" + String(format: "%02d:%02d", minutes, rest) : "\(minutes):" + String(format: "%02d", rest)
    }
}
