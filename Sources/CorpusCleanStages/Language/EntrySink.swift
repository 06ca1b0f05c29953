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

    @inline(__always) func prefetch(_ hash: UInt64) {
        ctk_prefetch(bucket.baseAddress! + Int(hash >> 48))
    }

    @inline(__always) mutating func add(_ hash: UInt64) {
        let b = Int(hash >> 48), low = UInt32(truncatingIfNeeded: hash)
        var i = Int(bucket[b])
        let end = Int(bucket[b + 1])
        while i < end {
            let slot = slots[i]
            if UInt32(truncatingIfNeeded: slot) == low {
                for e in Int(slot >> 32)..<Int(slots[i + 1] >> 32) {
                    let entry = entries[e]
                    let language = Int(entry & 0xFF)
                    total[language] &+= Int32(entry >> 8) &- floors[language]
                }
                return
            }
            i += 1
        }
    }
}
