import CorpusCleanCore
/// Conservative mode keeps every line of `protectedWords` or more whatever the passes before
/// said. Option `mode`: in the list when it is `conservative`.
struct ConservativePass: BoilerplatePass {
    static let protectedWords = 20

    func apply(to page: inout Page) {
        for (i, line) in page.lines.enumerated() where line.words >= Self.protectedWords { page.reasons[i] = nil }
    }
}
