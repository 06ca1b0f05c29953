import CTextKit

/// Builds compact JSON text into a byte buffer, with keys in the order they are written.
///
/// Usage: `w.openObject(); w.key("id"); w.string("a"); w.closeObject()`.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// How many containers are open.
    private var depth = 0
    /// Bit d - 1 for the open container at depth d (up to 64): whether it already holds an element.
    private var holds: UInt64 = 0
    /// The same for the containers deeper than 64 (a record's nested values).
    private var deeper: [Bool] = []
    private var afterKey = false

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// The text written so far.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Emits the comma that separates this value from the previous element, if any.
    @inline(__always)
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        guard depth <= 64 else {
            if deeper[deeper.count - 1] { bytes.append(UInt8(ascii: ",")) }
            deeper[deeper.count - 1] = true
            return
        }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if holds & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        holds |= bit
    }

    /// Opens a container with `bracket`.
    private mutating func open(_ bracket: UInt8) {
        beginValue()
        bytes.append(bracket)
        depth += 1
        if depth <= 64 { holds &= ~(1 << UInt64(depth - 1)) } else { deeper.append(false) }
    }

    /// Closes the innermost container with `bracket`.
    private mutating func close(_ bracket: UInt8) {
        if depth > 64 { deeper.removeLast() }
        depth -= 1
        bytes.append(bracket)
    }

    /// Writes an object member's key; the next value written is its value.
    public mutating func key(_ name: String) {
        beginValue()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func openObject() { open(UInt8(ascii: "{")) }
    public mutating func closeObject() { close(UInt8(ascii: "}")) }
    public mutating func openArray() { open(UInt8(ascii: "[")) }
    public mutating func closeArray() { close(UInt8(ascii: "]")) }

    public mutating func string(_ value: String) { beginValue(); appendQuoted(value) }
    public mutating func int(_ value: Int) {
        beginValue()
        JSONWriter.appendText(to: &bytes) { JSONNumberText.write(value, to: $0) }
    }
    public mutating func bool(_ value: Bool) { beginValue(); appendLiteral(value ? "true" : "false") }
    public mutating func null() { beginValue(); appendLiteral("null") }

    private mutating func appendLiteral(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Writes a finite Double with at most `decimals` decimals and no trailing zeros.
    public mutating func double(_ value: Double, decimals: Int = 4) {
        beginValue()
        JSONWriter.appendNumber(value, decimals: decimals, to: &bytes)
    }

    /// Writes an optional string, or null.
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// Writes a value tree as it is, numbers as their literal text.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case let .bool(b): bool(b)
        case let .number(text): beginValue(); bytes.append(contentsOf: text.utf8)
        case let .string(s): string(s)
        case let .array(items):
            openArray()
            for item in items { self.value(item) }
            closeArray()
        case let .object(members):
            openObject()
            for member in members {
                key(member.key)
                self.value(member.value)
            }
            closeObject()
        }
    }

    /// Writes counts as an object with its keys in sorted order.
    public mutating func counts(_ counts: [String: Int]) {
        self.counts(sorting: counts.map { ($0.key, $0.value) })
    }

    /// Writes counts given as pairs with distinct keys as an object with its keys in sorted
    /// order (as ``counts(_:)`` writes them, without a dictionary).
    public mutating func counts(sorting pairs: [(key: String, value: Int)]) {
        var pairs = pairs
        if pairs.count > 1 { pairs.sort { $0.key < $1.key } }
        openObject()
        for pair in pairs {
            key(pair.key)
            int(pair.value)
        }
        closeObject()
    }

    /// Appends a newline (for JSON Lines).
    public mutating func newline() { bytes.append(0x0A) }

    /// Formats a Double deterministically: rounded to `decimals`, trailing zeros removed.
    public static func format(_ value: Double, decimals: Int) -> String {
        var bytes: [UInt8] = []
        appendNumber(value, decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `format(_:decimals:)` appended to `out` as bytes, without a String on the way.
    static func appendNumber(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        guard value.isFinite else { return out.append(contentsOf: "null".utf8) }
        let written = appendText(to: &out) { JSONNumberText.write(value, decimals: decimals, to: $0) }
        if written < 0 { out.append(contentsOf: String(value).utf8) }
    }

    /// Appends what `write` writes into a buffer of `JSONNumberText.maxLength` bytes (nothing
    /// when it returns a negative count); returns that count.
    @discardableResult
    private static func appendText(to out: inout [UInt8], _ write: (UnsafeMutablePointer<UInt8>) -> Int) -> Int {
        var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &text) { buffer in
            let start = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let count = write(start)
            if count > 0 { out.append(contentsOf: UnsafeBufferPointer(start: start, count: count)) }
            return count
        }
    }

    /// Strings up to this long are copied run by run into `bytes`; longer ones are escaped as
    /// an output line's strings are (``JSONLineBuffer``).
    private static let shortString = 64

    private mutating func appendQuoted(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            guard utf8.count <= JSONWriter.shortString, let base = utf8.baseAddress else { return appendLong(utf8) }
            bytes.append(UInt8(ascii: "\""))
            appendShort(base, count: utf8.count)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Appends a long string quoted, escaped as an output line's strings are (``JSONLineBuffer``)
    /// a block at a time into storage on the stack: a line buffer's own storage is an array
    /// whose allocation looks up its type at run time.
    private mutating func appendLong(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        if let source = utf8.baseAddress {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { block in
                var done = 0
                while done < utf8.count {
                    var consumed = 0
                    let written = ctk_json_escape(source + done, utf8.count - done, block.baseAddress!, block.count, &consumed)
                    bytes.append(contentsOf: UnsafeBufferPointer(start: block.baseAddress, count: written))
                    done += consumed
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a short string's bytes escaped, a run at a time.
    private mutating func appendShort(_ base: UnsafePointer<UInt8>, count: Int) {
        var runStart = 0
        while true {
            let i = JSONStringBytes.firstSpecial(base, from: runStart, end: count, del: true)
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart))
            guard i < count else { break }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6) { escape in
                let length = JSONStringBytes.escape(base[i], to: escape.baseAddress!)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: escape[..<length]))
            }
            runStart = i + 1
        }
    }
}
