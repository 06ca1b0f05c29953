import CorpusCleanCore
import Foundation

/// The word being read by `NgramModel`'s scan and what it hands to a sink: a struct whose
/// methods mutate it in place, where local functions sharing captured variables paid a
/// run-time exclusivity check on every access.
struct WordGrams<Sink: NgramSink> {
    let sink: Sink
    /// N-grams handed to the sink.
    private(set) var count = 0
    private var capacity = 64
    /// The padded word's scalars: a space, the letters so far.
    private var word: UnsafeMutablePointer<UInt32>
    /// The n-grams located and not yet added (`pending` of them): those of the words since
    /// the last `drain()` but the `batch` located last when more were added, fewer than twice
    /// `batch` and then a word's (at most 4 from each of its places, and the whole word).
    private var hashes: UnsafeMutablePointer<UInt64>
    /// Where the sink located each of `hashes`.
    private var places: UnsafeMutablePointer<Int>
    private var pending = 0
    private var length = 1

    /// N-grams located after one before it is added: a word's few n-grams, added right after
    /// their prefetch, waited for their cache misses (the sink's tables are megabytes), and so
    /// did the last of a batch added as soon as it was located; the sums do not depend on the
    /// order of the adds.
    private static var batch: Int { 192 }

    /// Room for the pending n-grams with a word of `capacity` scalars.
    private static func room(_ capacity: Int) -> Int { 2 * batch + 4 * capacity + 1 }

    init(sink: Sink) {
        self.sink = sink
        word = .allocate(capacity: capacity)
        hashes = .allocate(capacity: Self.room(capacity))
        places = .allocate(capacity: Self.room(capacity))
        word[0] = 0x20
    }

    func deallocate() {
        word.deallocate()
        hashes.deallocate()
        places.deallocate()
    }

    /// Every 1- to 4-gram of the padded word (but the lone spaces) and, past 4, the whole
    /// word; FNV-1a extends from the n-gram one shorter at the same start. They are hashed
    /// first, then located in one loop over them (the sink's fields and the buffers in
    /// registers: located as each was hashed, they were reloaded and shuffled for every
    /// n-gram), and the pending ones but the last `batch` added once twice `batch` are pending.
    mutating func flush() {
        guard length > 1 else { return }
        let word = self.word, hashes = self.hashes
        word[length] = 0x20
        let length = self.length &+ 1
        let first = pending
        var k = first
        if length > 4 {
            var h = FNV1a.basis
            for j in 0..<length { h = FNV1a.step(h, word[j]) }
            hashes[k] = h
            k &+= 1
        }
        // The spaces are the first and the last scalar: the first start's 1-gram is left out,
        // and the last start has no other n-gram.
        var start = 0
        while start < length &- 1 {
            var h = FNV1a.step(FNV1a.basis, word[start])
            if start > 0 {
                hashes[k] = h
                k &+= 1
            }
            let end = min(start &+ 4, length)
            var at = start &+ 1
            while at < end {
                h = FNV1a.step(h, word[at])
                hashes[k] = h
                k &+= 1
                at &+= 1
            }
            start &+= 1
        }
        let sink = self.sink, places = self.places
        for j in first..<k { places[j] = sink.locate(hashes[j]) }
        count &+= k &- first
        pending = k
        self.length = 1
        if pending >= 2 * Self.batch { addOldest() }
    }

    /// Adds the pending n-grams but the `batch` located last, which move to the front.
    private mutating func addOldest() {
        let ready = pending &- Self.batch
        sink.add(hashes, at: places, count: ready)
        memmove(hashes, hashes + ready, Self.batch * MemoryLayout<UInt64>.stride)
        memmove(places, places + ready, Self.batch * MemoryLayout<Int>.stride)
        pending = Self.batch
    }

    /// Adds the pending n-grams: call once the text is read.
    mutating func drain() {
        sink.add(hashes, at: places, count: pending)
        pending = 0
    }

    @inline(__always) mutating func append(_ v: UInt32) {
        if length + 2 > capacity {
            let grown = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
            grown.update(from: word, count: length)
            word.deallocate()
            word = grown
            capacity *= 2
            drain()
            hashes.deallocate()
            hashes = .allocate(capacity: Self.room(capacity))
            places.deallocate()
            places = .allocate(capacity: Self.room(capacity))
        }
        word[length] = v
        length += 1
    }

    /// A scalar of the lowercased text: a letter or mark extends the word, anything else ends it.
    @inline(__always) mutating func take(_ v: UInt32, _ table: WordCharacterTable) {
        if table.isLetterOrMark(v) { append(v) } else { flush() }
    }
}
