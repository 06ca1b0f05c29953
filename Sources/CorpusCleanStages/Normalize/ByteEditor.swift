import CorpusCleanCore
/// Copy-on-write editing of a UTF-8 buffer: nothing is allocated until the first change,
/// and unchanged stretches of the source are copied in one piece.
struct ByteEditor {
    let source: UnsafeBufferPointer<UInt8>
    /// The edited bytes; holds everything before `copied` once `changed` is set.
    private(set) var out: [UInt8] = []
    /// Source bytes before this index are accounted for in `out` (or still untouched).
    private(set) var copied = 0
    private(set) var changed = false

    init(_ source: UnsafeBufferPointer<UInt8>) { self.source = source }

    /// Copies the untouched source up to `index` into the output.
    mutating func flush(to index: Int) {
        if !changed {
            changed = true
            out.reserveCapacity(source.count + source.count / 8 + 16)
        }
        if index > copied {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<index]))
            copied = index
        }
    }

    /// Drops the source bytes in `range`.
    mutating func drop(_ range: Range<Int>) {
        flush(to: range.lowerBound)
        copied = range.upperBound
    }

    /// Replaces the source bytes in `range` with `scalar` in UTF-8.
    mutating func replace(_ range: Range<Int>, with scalar: Unicode.Scalar) {
        drop(range)
        append(scalar)
    }

    /// Appends `scalar` to the output (after flushing up to `copied`).
    mutating func append(_ scalar: Unicode.Scalar) {
        flush(to: copied)
        let v = scalar.value
        if v < 0x80 {
            out.append(UInt8(v))
        } else {
            for b in UTF8.encode(scalar)! { out.append(b) }
        }
    }

    /// Removes the last `count` bytes of the output (bytes already flushed).
    mutating func removeLast(_ count: Int) { out.removeLast(count) }

    /// The finished text, or nil when nothing changed.
    mutating func finish() -> [UInt8]? {
        guard changed else { return nil }
        flush(to: source.count)
        return out
    }
}
