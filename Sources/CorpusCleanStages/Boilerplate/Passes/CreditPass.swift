import CorpusCleanCore
/// Copyright lines: `© ...` or `(c) ...`.
struct CreditPass: BoilerplatePass {
    func apply(to page: inout Page) {
        page.decide(.credit) { _, _, t in Self.isCredit(t) }
    }

    /// `© ...` or `(c) ...`.
    static func isCredit(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        if t.starts(with: [0xC2, 0xA9]) { return true }
        return t.count > 4 && t[0] == 0x28 && t[1] | 0x20 == 0x63 && t[2] == 0x29 && t[3] == 0x20
    }
}
