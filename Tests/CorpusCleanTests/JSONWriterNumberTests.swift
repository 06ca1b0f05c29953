import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// Numbers as the manifest writes them: at most `decimals` decimals, no trailing zeros, no
/// negative zero, integers without a point.
@Suite struct JSONWriterNumberTests {
    @Test(arguments: [
        (0.0, 4, "0"), (1.0, 4, "1"), (0.5, 4, "0.5"), (0.05, 4, "0.05"), (0.00005, 4, "0.0001"),
        (0.00004, 4, "0"), (-0.00004, 4, "0"), (-2.5, 1, "-2.5"), (123.456789, 4, "123.4568"),
        (99.99999, 4, "100"), (0.1 + 0.2, 9, "0.3"), (1234567.0, 0, "1234567"), (1e18, 4, "1e+18"),
        (Double.nan, 4, "null"), (-Double.infinity, 2, "null"),
    ])
    func formats(value: Double, decimals: Int, expected: String) {
        #expect(JSONWriter.format(value, decimals: decimals) == expected)
        var writer = JSONWriter()
        writer.double(value, decimals: decimals)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
    }

    /// Four decimals from 0 up to 10 (shares and confidences) are written digit by digit: the
    /// same text as the general fixed-point path writes.
    @Test func writesFourDecimalsAsTheFixedPointPathDoes() {
        func text(_ write: (UnsafeMutablePointer<UInt8>) -> Int) -> String {
            let out = UnsafeMutablePointer<UInt8>.allocate(capacity: JSONNumberText.maxLength)
            defer { out.deallocate() }
            return String(decoding: UnsafeBufferPointer(start: out, count: write(out)), as: UTF8.self)
        }
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [9.99995, 9.99994, 9.999949999, 10.0, 10.00004, 0.00005, 0.000049, 1.0 / 3, 2.0 / 3,
                                0.99995, 0.5 - 1e-12, -0.0, -0.00004, -0.00005, 0.0001, 1e-300]
        for k in 0...100_000 { values.append(Double(k) / 10_000) }
        for _ in 0..<20_000 { values.append(Double.random(in: 0..<10, using: &generator)) }
        for value in values {
            let fixed = text { JSONNumberText.writeFixed(value, decimals: 4, to: $0) }
            #expect(text { JSONNumberText.write(value, decimals: 4, to: $0) } == fixed, "\(value)")
            #expect(JSONWriter.format(value, decimals: 4) == fixed, "\(value)")
        }
        #expect(JSONWriter.format(-0.00004, decimals: 4) == "0")
    }

    @Test(arguments: [0, 7, 10, 1234567890, Int.max, -1, Int.min])
    func writesIntegers(value: Int) {
        var writer = JSONWriter()
        writer.int(value)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
    }
}
