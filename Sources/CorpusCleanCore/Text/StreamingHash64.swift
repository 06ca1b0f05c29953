import CTextKit

/// XXH64 (seed 0) of bytes given piece by piece: `digest` equals `Hash64.hash` of everything
/// given so far, and the hashing can go on after it. A reader's `position` is its `count` and
/// `digest`; readers one after another (the shards of an input) can share one.
final class StreamingHash64 {
    private let stream: OpaquePointer
    /// How many bytes were given so far.
    private(set) var count = 0

    init() {
        guard let stream = ctk_hash64_stream_new() else { fatalError("out of memory for an XXH64 state") }
        self.stream = stream
    }

    deinit { ctk_hash64_stream_free(stream) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        ctk_hash64_stream_update(stream, bytes.baseAddress, bytes.count)
        count += bytes.count
    }

    func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    var digest: UInt64 { ctk_hash64_stream_digest(stream) }

    /// The bytes given so far, as a reader's position.
    var position: InputPosition { InputPosition(bytes: count, hash: digest) }
}
