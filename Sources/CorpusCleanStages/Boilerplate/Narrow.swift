import CorpusCleanCore
/// An `Int` stored in 32 bits: counts and offsets of a line that never reach 2^31, kept small
/// so that the per-line records the classifier walks several times move less memory.
@propertyWrapper
struct Narrow {
    private var value: Int32

    init(wrappedValue: Int) { value = Int32(truncatingIfNeeded: wrappedValue) }

    var wrappedValue: Int {
        get { Int(value) }
        set { value = Int32(truncatingIfNeeded: newValue) }
    }
}
