import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// One run of a child process and what it cost: wall-clock seconds from spawn to exit, user +
/// system CPU seconds and peak resident set size, from `wait4`'s rusage (the child's own, not
/// the sum over every child as `getrusage(RUSAGE_CHILDREN)` would give).
struct ChildRun {
    let wall: Double
    let cpu: Double
    /// Peak resident set size in KiB (`ru_maxrss`).
    let peakRSS: Int
    /// Exit status, or 128 + the signal that ended it.
    let status: Int32

    /// Runs `executable` with `arguments`, standard input from /dev/null and standard output
    /// and error into the file `log`, and waits for it.
    static func run(_ executable: String, _ arguments: [String], log: String) throws -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }

        let start = DispatchTime.now().uptimeNanoseconds
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchmarkError("wait4 failed for \(executable): \(String(cString: strerror(errno)))") }
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let signal = status & 0x7F
        return ChildRun(wall: wall, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), peakRSS: usage.ru_maxrss,
                        status: signal == 0 ? (status >> 8) & 0xFF : 128 + signal)
    }
}
