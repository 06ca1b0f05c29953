#if canImport(Glibc)
import Glibc
#endif

/// Every benchmark, by name. Add new ones here.
let benchmarks: [any Benchmark.Type] = [
    PipelineBenchmark.self,
    NormalizeBenchmark.self,
    LanguageBenchmark.self,
    BoilerplateBenchmark.self,
    DedupBenchmark.self,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let benchmark = benchmarks.first(where: { $0.name == name }) else {
    print("usage: corpusclean-bench NAME [arguments]\n")
    for b in benchmarks { print("  \(b.name)  \(b.summary)") }
    exit(arguments.isEmpty ? 0 : 2)
}
do {
    try benchmark.run(arguments: Array(arguments.dropFirst()))
} catch {
    print("corpusclean-bench \(name): \(error)")
    exit(1)
}
