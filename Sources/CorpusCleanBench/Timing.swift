import Dispatch

/// Wall-clock timing with medians, for noisy machines.
enum Timing {
    /// Runs `body` `runs` times and returns the median seconds.
    static func median(runs: Int = 5, _ body: () -> Void) -> Double {
        var samples: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        samples.sort()
        return samples[samples.count / 2]
    }

    /// Megabytes per second for `bytes` processed in `seconds`.
    static func mbPerSecond(_ bytes: Int, _ seconds: Double) -> Double {
        seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0
    }
}
