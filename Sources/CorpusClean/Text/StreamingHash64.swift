import CTextKit

/// XXH64 (seed 0) of bytes given piece by piece: `digest` equals `Hash64.hash` of everything
/// given so far, and the hashing can go on after it.
final class StreamingHash64 {
    private let stream: OpaquePointer

    init() {
        guard let stream = ctk_hash64_stream_new() else { fatalError("out of memory for an XXH64 state") }
        self.stream = stream
    }

    deinit { ctk_hash64_stream_free(stream) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        ctk_hash64_stream_update(stream, bytes.baseAddress, bytes.count)
    }

    func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    var digest: UInt64 { ctk_hash64_stream_digest(stream) }
}
