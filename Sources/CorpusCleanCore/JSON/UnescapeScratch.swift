/// Where `JSONParser` unescapes strings, kept by one thread from record to record (a worker's
/// chunk), so that a document's text does not cost an allocation of its size on top of its
/// string's. Not for two threads at once.
package final class UnescapeScratch {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The keys of the object `JSONParser.scanRecord` reads (its first ones: those of an earlier
    /// object may follow), kept from record to record so that a record's keys cost no array.
    @exclusivity(unchecked) var keys: [String] = []

    package init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Storage for at least `count` bytes (what it held before is lost when it grows).
    func reserve(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        if count > capacity {
            base.deallocate()
            capacity = max(count, 2 * capacity)
            base = .allocate(capacity: capacity)
        }
        return base
    }
}
