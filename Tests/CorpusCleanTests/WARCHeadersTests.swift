import Testing
import CTextKit
@testable import CorpusCleanCore

/// The WET reader's header lines and the byte count that screens records for binary content.
@Suite struct WARCHeadersTests {
    static func headers(_ lines: [String]) -> WARCHeaders {
        var headers = WARCHeaders()
        for line in lines { headers.add(line: Array(line.utf8)[...]) }
        return headers
    }

    @Test func namesMatchInAnyCaseAndTheLastValueWins() {
        let headers = Self.headers([
            "WARC-Type: conversion", "warc-record-id: <urn:uuid:1>", "WARC-RECORD-ID:   <urn:uuid:2>",
            "Content-Length: 42", "WARC-Target-URI: https://example.org/a", "WARC-Date: 2026-12-07T00:00:00Z",
            "WARC-Refers-To: <urn:uuid:0>", "no colon here", "Content-Type: text/plain",
        ])
        #expect(headers.type == "conversion")
        #expect(headers.recordID == "<urn:uuid:2>")
        #expect(headers.contentLength == "42")
        #expect(headers.targetURI == "https://example.org/a")
        #expect(headers.date == "2026-12-07T00:00:00Z")
    }

    @Test func namesThatOnlyLookAlikeAreNotTaken() {
        let headers = Self.headers(["WARC-Typ: conversion", "WARC-Type-X: conversion", "Content_Length: 5", "WARC–Date: x"])
        #expect(headers.type == nil && headers.contentLength == nil && headers.date == nil)
    }

    @Test func countBelowIsTheNaiveCountAtEveryLengthAndAlignment() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<5000).map { _ in UInt8.random(in: 0...64, using: &generator) }
        bytes.withUnsafeBufferPointer { all in
            for offset in 0..<17 {
                for length in [0, 1, 15, 16, 17, 255 * 16 - 1, 255 * 16, 255 * 16 + 17, 4983 - offset] {
                    let slice = all[offset..<(offset + length)]
                    for limit: UInt8 in [0, 1, 0x20, 0x41, 0xFF] {
                        let naive = slice.filter { $0 < limit }.count
                        #expect(ctk_count_below(all.baseAddress! + offset, length, limit) == naive)
                    }
                }
            }
        }
    }

    @Test func aRecordIsBinaryWhenOverATenthOfItsHeadIsControls() {
        let text = Array(String(repeating: "a line of text\n", count: 60).utf8)
        #expect(ByteDecoder.binaryReason(text) == nil)
        var controls = text
        for i in stride(from: 0, to: controls.count, by: 9) { controls[i] = 0x01 }
        #expect(ByteDecoder.binaryReason(controls)?.hasPrefix("binary: 100 control bytes") == true)
        var tabs = text
        for i in stride(from: 0, to: tabs.count, by: 3) { tabs[i] = 0x09 }
        #expect(ByteDecoder.binaryReason(tabs) == nil)
    }
}
