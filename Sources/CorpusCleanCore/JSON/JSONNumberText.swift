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
        if decimals == 4 {
            let scaled = (value * 10_000).rounded()
            if scaled >= 0 && scaled < 100_000 { return fourDecimals(Int(scaled), to: out) }
            return fixed(value, scale: 10_000, decimals: 4, to: out)
        }
        return writeFixed(value, decimals: decimals, to: out)
    }

    /// ``write(_:decimals:to:)`` by the general fixed-point path alone, for any `decimals`:
    /// what the digit-by-digit four decimals are checked against.
    static func writeFixed(_ value: Double, decimals: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard value.isFinite else { return -1 }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        return fixed(value, scale: scale, decimals: decimals, to: out)
    }

    /// `fixed` of a value from 0 up to 10 (`units` ten-thousandths), digit by digit: the
    /// manifest's shares and confidences, five a document.
    @inline(__always)
    private static func fourDecimals(_ units: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = 0x30 &+ UInt8(truncatingIfNeeded: units / 10_000)
        let fraction = units % 10_000
        guard fraction != 0 else { return 1 }
        out[1] = UInt8(ascii: ".")
        out[2] = 0x30 &+ UInt8(truncatingIfNeeded: fraction / 1000)
        out[3] = 0x30 &+ UInt8(truncatingIfNeeded: fraction / 100 % 10)
        out[4] = 0x30 &+ UInt8(truncatingIfNeeded: fraction / 10 % 10)
        out[5] = 0x30 &+ UInt8(truncatingIfNeeded: fraction % 10)
        // Trailing zeros left out (the fraction is not 0, so the first decimal stays or a later one does).
        var end = 6
        while out[end - 1] == 0x30 { end -= 1 }
        return end
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
