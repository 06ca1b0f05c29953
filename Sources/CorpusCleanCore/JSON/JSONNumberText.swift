/// The digits of the numbers JSON lines hold, written straight into memory: integers, and
/// Doubles in fixed point with at most a given number of decimals and no trailing zeros
/// (``JSONWriter`` and ``JSONLineBuffer`` both write theirs here).
enum JSONNumberText {
    /// The most bytes `write(_:decimals:to:)` writes.
    static let maxLength = 32

    /// Writes `value` in decimal at `out` (room for 21 bytes); returns how many bytes.
    @inline(__always)
    static func write(_ value: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard value < 0 else { return digits(UInt64(value), width: 1, to: out) }
        out[0] = UInt8(ascii: "-")
        return 1 + digits(UInt64(value.magnitude), width: 1, to: out + 1)
    }

    /// Writes a finite `value` rounded to `decimals` decimals, trailing zeros removed, at `out`
    /// (room for `maxLength` bytes); returns how many bytes, or -1 for a value this does not
    /// write (not finite, or too large for fixed point), which Swift's own text then spells.
    static func write(_ value: Double, decimals: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard value.isFinite else { return -1 }
        // The manifest's shares and confidences: with the scale a constant, its divisions are
        // multiplications.
        if decimals == 4 { return fixed(value, scale: 10_000, decimals: 4, to: out) }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        return fixed(value, scale: scale, decimals: decimals, to: out)
    }

    /// `write(_:decimals:to:)` for a finite value, `scale` being 10 to the `decimals`.
    @inline(__always)
    private static func fixed(_ value: Double, scale: Int64, decimals: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let scaled = (value * Double(scale)).rounded()
        guard abs(scaled) < 9e17 else { return -1 }
        let units = Int64(scaled)
        let magnitude = units < 0 ? -units : units
        var n = 0
        if units < 0 {
            out[0] = UInt8(ascii: "-")
            n = 1
        }
        n += digits(UInt64(magnitude / scale), width: 1, to: out + n)
        var fraction = magnitude % scale
        var places = decimals
        while places > 0 && fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        guard places > 0 else { return n }
        out[n] = UInt8(ascii: ".")
        return n + 1 + digits(UInt64(fraction), width: places, to: out + n + 1)
    }

    /// Writes the decimal digits of `value`, zero-padded on the left to `width` (at most 20),
    /// at `out`; returns how many.
    @inline(__always)
    static func digits(_ value: UInt64, width: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 1
        var rest = value / 10
        while rest > 0 {
            n += 1
            rest /= 10
        }
        n = max(n, width)
        var v = value
        var i = n
        while i > 0 {
            i -= 1
            out[i] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
            v /= 10
        }
        return n
    }

    /// The lowercase hex digit of `nibble` (0...15).
    @inline(__always)
    static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 &+ nibble : 0x57 &+ nibble }
}
