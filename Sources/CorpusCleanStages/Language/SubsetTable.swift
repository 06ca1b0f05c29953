import CorpusCleanCore
/// The costs of a few languages for the n-grams that any of them had, in one open-addressing
/// table: a look-up reads one slot (a cache line) where the model's buckets, keys and entries
/// cost three misses, and the table is a tenth of the model.
///
/// A slot is `stride` bytes: the n-gram's 48-bit key (top 16 and low 32 bits of its hash, as
/// the model tells keys apart) in bytes 0–5, 1 in byte 6 when the slot is taken, and from
/// byte 7 one cost per language (tenths of a nat, at least 1; 0 where it never had the n-gram).
struct SubsetTable: Sendable {
    /// The slots, as 8-byte words for alignment.
    let words: [UInt64]
    /// Slots less one (their count is a power of two).
    let mask: Int
    /// The multiplicative hash's shift: 64 less log2 of the slots.
    let shift: UInt64
    /// Bytes a slot.
    let stride: Int
    /// Languages a row.
    let width: Int

    static let taken: UInt64 = 1 << 48
    static let keyAndTag: UInt64 = 0x00FF_FFFF_FFFF_FFFF

    /// The 48 bits of `hash` that name a model key.
    @inline(__always) static func key(_ hash: UInt64) -> UInt64 { (hash >> 48) << 32 | (hash & 0xFFFF_FFFF) }

    /// The first slot to probe for `key`.
    @inline(__always) static func home(_ key: UInt64, shift: UInt64) -> Int {
        // `&>>`: the shift is 1...63 (at least two slots), so masking it changes nothing and
        // spares the check of a shift past 63.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// The table whose slots (`slots` of `stride` bytes) are the bytes at `bytes`, as `init(width:keys:fill:)`
    /// lays them out (scripts/language-model/close-rows.py writes them).
    init(width: Int, slots: Int, stride: Int, bytes: UnsafeRawPointer) {
        words = [UInt64](unsafeUninitializedCapacity: slots * stride / 8) { words, initialized in
            UnsafeMutableRawPointer(words.baseAddress!).copyMemory(from: bytes, byteCount: slots * stride)
            initialized = slots * stride / 8
        }
        mask = slots - 1
        shift = UInt64(64 - slots.trailingZeroBitCount)
        self.stride = stride
        self.width = width
    }

    /// A table of `width` languages with a slot for each of `keys` (48-bit, distinct), whose
    /// row `fill` writes: it is given the key's place in `keys` and the row's first byte.
    init(width: Int, keys: [UInt64], fill: (Int, UnsafeMutableRawPointer) -> Void) {
        var stride = 8
        while stride < 7 + width { stride *= 2 }
        // At most 70% full: linear probing then reads about two slots, mostly in one cache line.
        var slots = 2
        while 7 * slots < 10 * keys.count { slots *= 2 }
        let shift = UInt64(64 - slots.trailingZeroBitCount)
        var words = [UInt64](repeating: 0, count: slots * stride / 8)
        words.withUnsafeMutableBytes { raw in
            for (n, key) in keys.enumerated() {
                var i = Self.home(key, shift: shift)
                while raw.load(fromByteOffset: i * stride, as: UInt64.self) & Self.taken != 0 { i = (i + 1) & (slots - 1) }
                raw.storeBytes(of: key | Self.taken, toByteOffset: i * stride, as: UInt64.self)
                fill(n, raw.baseAddress! + i * stride + 7)
            }
        }
        self.words = words
        mask = slots - 1
        self.shift = shift
        self.stride = stride
        self.width = width
    }
}
