import CorpusCleanCore
import CTextKit

/// Finds an n-gram among all the model's keys and adds every language's entry of it to its
/// total, less the language's floor.
struct EntrySink: NgramSink {
    /// Keys whose hash has top 16 bits `b` are `slots[bucket[b]..<bucket[b + 1]]`.
    let bucket: UnsafeBufferPointer<UInt32>
    /// Per key: the low 32 bits of its hash, and above them the index of its first entry.
    let slots: UnsafeBufferPointer<UInt64>
    let entries: UnsafeBufferPointer<UInt16>
    let floors: UnsafeBufferPointer<Int32>
    let total: UnsafeMutableBufferPointer<Int32>

    /// The n-gram's bucket.
    @inline(__always) func locate(_ hash: UInt64) -> Int {
        let b = Int(hash >> 48)
        ctk_prefetch(bucket.baseAddress! + b)
        return b
    }

    /// Adds the n-grams in three passes over them: their keys' first slots are fetched, then the
    /// keys are matched and their entries fetched, then the entries added. Each pass's loads were
    /// started by the one before, so that their misses overlap across the n-grams, where one
    /// n-gram at a time waited for its slots and then its entries (the model is megabytes, and
    /// cold: a short text is rare among long ones).
    func add(_ hashes: UnsafePointer<UInt64>, at places: UnsafePointer<Int>, count: Int) {
        guard count > 0 else { return }
        let bucket = bucket.baseAddress!, slots = slots.baseAddress!, entries = entries.baseAddress!
        let total = total.baseAddress!, floors = floors.baseAddress!
        for j in 0..<count { ctk_prefetch(slots + Int(bucket[places[j]])) }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { ranges in
            // Per n-gram: its entries' start in the low and their end in the high 32 bits (0 when not found).
            for j in 0..<count {
                let b = places[j]
                let low = UInt32(truncatingIfNeeded: hashes[j])
                var i = Int(bucket[b])
                let end = Int(bucket[b + 1])
                var range: UInt64 = 0
                while i < end {
                    let slot = slots[i]
                    if UInt32(truncatingIfNeeded: slot) == low {
                        range = slot >> 32 | (slots[i + 1] >> 32) << 32
                        ctk_prefetch(entries + Int(slot >> 32))
                        break
                    }
                    i += 1
                }
                ranges[j] = range
            }
            for j in 0..<count {
                let range = ranges[j]
                for e in Int(range & 0xFFFF_FFFF)..<Int(range >> 32) {
                    let entry = entries[e]
                    let language = Int(entry & 0xFF)
                    total[language] &+= Int32(entry >> 8) &- floors[language]
                }
            }
        }
    }
}
