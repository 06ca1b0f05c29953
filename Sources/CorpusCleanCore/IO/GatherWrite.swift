#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes many arrays to a file descriptor with writev(2) (or pwritev at an offset), straight
/// from their storage, as one stretch of bytes in order; at most IOV_MAX (1024 on Linux) of them
/// in one call.
package enum GatherWrite {
    /// Writes `slices` at the descriptor's position, or at byte `offset` when given; returns the
    /// reason it failed, or nil. Slices whose bytes follow each other in memory (lines of one
    /// chunk's array) go in one vector.
    package static func write<Element: BitwiseCopyable>(_ slices: [ArraySlice<Element>], to descriptor: Int32,
                                                      at offset: off_t? = nil) -> String? {
        withExtendedLifetime(slices) {
            // The arrays are native, alive and not mutated until the call returns, so their
            // storage stays where `withUnsafeBytes` shows it.
            var vectors: [iovec] = []
            vectors.reserveCapacity(slices.count)
            for slice in slices {
                slice.withUnsafeBytes { bytes in
                    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
                    if let last = vectors.last, last.iov_base + last.iov_len == UnsafeMutableRawPointer(mutating: base) {
                        vectors[vectors.count - 1].iov_len += bytes.count
                    } else {
                        vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: base), iov_len: bytes.count))
                    }
                }
            }
            return vectors.withUnsafeMutableBufferPointer { write($0, to: descriptor, at: offset) }
        }
    }

    /// Writes `bytes` whole at the descriptor's position; returns the reason it failed, or nil.
    package static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> String? {
        var vector = iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count)
        return withUnsafeMutablePointer(to: &vector) { write(UnsafeMutableBufferPointer(start: $0, count: 1), to: descriptor, at: nil) }
    }

    /// At most this many vectors go in one call (IOV_MAX on Linux and Darwin).
    private static let vectorsPerCall = 1024

    private static func write(_ all: UnsafeMutableBufferPointer<iovec>, to descriptor: Int32, at offset: off_t?) -> String? {
        var first = 0, done = 0
        while first < all.count {
            let count = Int32(min(all.count - first, vectorsPerCall))
            let n = offset.map { pwritev(descriptor, all.baseAddress! + first, count, $0 + off_t(done)) }
                ?? writev(descriptor, all.baseAddress! + first, count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return n < 0 ? String(cString: strerror(errno)) : "nothing written" }
            done += n
            var left = n
            while first < all.count && left >= all[first].iov_len {
                left -= all[first].iov_len
                first += 1
            }
            if left > 0 {
                all[first].iov_base += left
                all[first].iov_len -= left
            }
        }
        return nil
    }
}
