/// Document ids that more than one document of a run has, found by the XXH64 of each id (some
/// 16 bytes of memory a document). The run goes on and the manifest keeps one line per
/// document; the runner warns once at the end.
struct DuplicateIDs {
    /// How many of the repeated ids the warning names.
    static let shown = 5
    /// The hashes seen, by open addressing on the hashes themselves (a `Set` would hash each
    /// again, on the deciding thread that every document passes); 0 marks a free slot, so a
    /// hash of 0 is kept as 1.
    private var slots = Array(repeatElement(UInt64(0), count: 1024))
    private var used = 0
    /// Mixed into each hash before it picks its first slot: the ids come from the input, and
    /// without it ids made to share the bits that pick the slot would make every look-up walk
    /// past all of them.
    private let seed: UInt64
    /// 64 less the bits of a slot's index.
    private var shift: UInt64 = 54
    /// Documents whose id an earlier document of the run has.
    private(set) var count = 0
    /// The first `shown` repeated ids, each once, in input order.
    private(set) var first: [String] = []

    /// An empty set, its slots picked with `seed` (a random one by default, new each run).
    init(seed: UInt64 = .random(in: .min ... .max)) { self.seed = seed }

    /// Notes the id of the next document in input order.
    mutating func add(_ id: String) {
        let hash = Hash64.hash(id)
        guard !insert(hash == 0 ? 1 : hash) else { return }
        count += 1
        if first.count < Self.shown, !first.contains(id) { first.append(id) }
    }

    /// The first slot of `key` of `1 << (64 - shift)`: the top bits of a Fibonacci product of
    /// the key and the seed, so that every bit of both picks it.
    @inline(__always)
    static func slot(_ key: UInt64, seed: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key ^ seed) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Adds `key` (not 0); returns whether it was not there yet.
    private mutating func insert(_ key: UInt64) -> Bool {
        if 2 * (used + 1) > slots.count { grow() }
        let (seed, shift) = (self.seed, self.shift)
        let added = slots.withUnsafeMutableBufferPointer { DuplicateIDs.insert(key, into: $0, seed: seed, shift: shift) }
        if added { used += 1 }
        return added
    }

    private static func insert(_ key: UInt64, into slots: UnsafeMutableBufferPointer<UInt64>, seed: UInt64,
                               shift: UInt64) -> Bool {
        let mask = slots.count - 1
        var i = slot(key, seed: seed, shift: shift)
        while slots[i] != 0 {
            if slots[i] == key { return false }
            i = (i + 1) & mask
        }
        slots[i] = key
        return true
    }

    private mutating func grow() {
        var larger = Array(repeatElement(UInt64(0), count: 2 * slots.count))
        shift -= 1
        let (seed, shift) = (self.seed, self.shift)
        larger.withUnsafeMutableBufferPointer { larger in
            for key in slots where key != 0 { _ = DuplicateIDs.insert(key, into: larger, seed: seed, shift: shift) }
        }
        slots = larger
    }
}
