/// A benchmark that `corpusclean-bench NAME [args]` runs. Each prints its figures as text
/// lines, medians over repeated runs where it times something.
protocol Benchmark {
    static var name: String { get }
    static var summary: String { get }
    static func run(arguments: [String]) throws
}
