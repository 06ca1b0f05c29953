import CorpusCleanCore
/// One signal of the boilerplate classifier: reads what the passes before it left in the page
/// and adds its own decisions. `BoilerplateClassifier` runs them in order.
protocol BoilerplatePass: Sendable {
    func apply(to page: inout Page)
}
