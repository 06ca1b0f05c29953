import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock timing with medians, for noisy machines.
enum Timing {
    /// Runs `body` `runs` times and returns the median seconds.
    static func median(runs: Int = 5, _ body: () -> Void) -> Double {
        medians(runs: runs, body).wall
    }

    /// Runs `body` `runs` times and returns the median wall-clock seconds and the median CPU
    /// seconds of this thread (which other jobs on a shared machine do not inflate).
    static func medians(runs: Int = 5, _ body: () -> Void) -> (wall: Double, cpu: Double) {
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<max(1, runs) {
            let cpuStart = threadCPUSeconds()
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            cpu.append(threadCPUSeconds() - cpuStart)
        }
        return (wall.sorted()[wall.count / 2], cpu.sorted()[cpu.count / 2])
    }

    /// CPU time of this thread.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Megabytes per second for `bytes` processed in `seconds`.
    static func mbPerSecond(_ bytes: Int, _ seconds: Double) -> Double {
        seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0
    }
}
