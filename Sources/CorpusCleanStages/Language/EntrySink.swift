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

    mutating func add(_ hashes: UnsafePointer<UInt64>, at places: UnsafePointer<Int>, count: Int) {
        for j in 0..<count { add(hashes[j], at: places[j]) }
    }

    /// Adds the entries of the n-gram of `hash`, whose bucket is `b`.
    @inline(__always) private mutating func add(_ hash: UInt64, at b: Int) {
        let low = UInt32(truncatingIfNeeded: hash)
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
