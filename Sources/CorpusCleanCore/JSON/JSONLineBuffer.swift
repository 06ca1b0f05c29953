import CTextKit
import Foundation

/// One output line's bytes as they are written, in storage of its own that grows: what the
/// manifest, record and rejected lines are built in. Unlike ``JSONWriter`` it keeps no
/// account of commas (the callers write the separators, most of them with the keys, as
/// literals), and every append is a bounds check and a copy into memory it owns, not an
/// Array's append.
package struct JSONLineBuffer: ~Copyable {
    /// The bytes written (`count`), then room not yet written up to `capacity`: an array from
    /// the start, so that `array()` hands the bytes on without copying them. Only `grow`
    /// replaces it, and it is never copied (this type is not), so its storage stays where `base`
    /// points.
    private var storage: [UInt8]
    private var base: UnsafeMutablePointer<UInt8>
    /// The bytes written so far.
    package private(set) var count = 0
    private var capacity: Int

    /// An empty buffer with room for `capacity` bytes before it grows.
    package init(capacity: Int) {
        self.capacity = max(capacity, 64)
        (storage, base) = JSONLineBuffer.room(self.capacity)
    }

    /// An array of `capacity` bytes, not written yet, and where they are.
    private static func room(_ capacity: Int) -> ([UInt8], UnsafeMutablePointer<UInt8>) {
        var base: UnsafeMutablePointer<UInt8>?
        // Left as allocated: each byte is written before it is read (those up to `count`), and
        // `array()` cuts the array to them.
        let storage = [UInt8](unsafeUninitializedCapacity: capacity) { bytes, initialized in
            base = bytes.baseAddress
            initialized = capacity
        }
        return (storage, base!)
    }

    /// The bytes written, as an array: the buffer's own storage, not a copy.
    package consuming func array() -> [UInt8] {
        var bytes: [UInt8] = []
        swap(&bytes, &storage)
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Appends what `body` writes and returns where it is.
    package mutating func appending(_ body: (inout JSONLineBuffer) -> Void) -> Range<Int> {
        let start = count
        body(&self)
        return start..<count
    }

    /// Calls `body` with the bytes written.
    package func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if capacity &- count < extra { grow(extra) }
    }

    @inline(never)
    private mutating func grow(_ extra: Int) {
        let larger = max(capacity * 2, count + extra)
        let (moved, movedBase) = JSONLineBuffer.room(larger)
        movedBase.update(from: base, count: count)
        storage = moved
        base = movedBase
        capacity = larger
    }

    /// Appends one byte.
    @inline(__always)
    package mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    /// Appends `length` bytes from `bytes`.
    @inline(__always)
    package mutating func append(_ bytes: UnsafeRawPointer, length: Int) {
        reserve(length)
        memcpy(base + count, bytes, length)
        count &+= length
    }

    /// Appends a literal as it is: a key with its quotes, colon and leading comma, `null`...
    @inline(__always)
    package mutating func append(_ literal: StaticString) {
        append(literal.utf8Start, length: literal.utf8CodeUnitCount)
    }

    /// Appends a non-negative or negative integer in decimal.
    package mutating func int(_ value: Int) {
        reserve(21)
        count &+= JSONNumberText.write(value, to: base + count)
    }

    /// Appends a Double as ``JSONWriter/double(_:decimals:)`` writes it.
    package mutating func double(_ value: Double, decimals: Int) {
        reserve(JSONNumberText.maxLength)
        let written = JSONNumberText.write(value, decimals: decimals, to: base + count)
        if written >= 0 {
            count &+= written
        } else {
            // Beyond what fixed point holds: Swift's own text, as JSONWriter gives it.
            var text = value.isFinite ? String(value) : "null"
            text.withUTF8 { if let start = $0.baseAddress { append(start, length: $0.count) } }
        }
    }

    /// Appends `"true"` or `"false"`.
    package mutating func bool(_ value: Bool) {
        if value { append("true") } else { append("false") }
    }

    /// Appends 16 lowercase hex digits, quoted (as ``Hash64/hex(_:)`` spells a hash).
    package mutating func quotedHex(_ value: UInt64) {
        reserve(18)
        let out = base + count
        out[0] = UInt8(ascii: "\"")
        for i in 0..<16 { out[1 + i] = JSONNumberText.hexDigit(UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * i)) & 15) }
        out[17] = UInt8(ascii: "\"")
        count &+= 18
    }

    /// Appends `value` as a JSON string, or `null`.
    package mutating func string(_ value: String?) {
        guard let value else { return append("null") }
        value.withUTF8Bytes { string($0) }
    }

    /// Appends `name` quoted and a colon: an object member's key.
    package mutating func key(_ name: String) {
        string(name)
        append(UInt8(ascii: ":"))
    }

    /// Appends UTF-8 bytes as a JSON string, escaped as ``JSONWriter`` escapes them.
    package mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        let length = utf8.count
        // Room for an escape every eight bytes first; more only when the text has more.
        reserve(length &+ length >> 3 &+ 18)
        base[count] = UInt8(ascii: "\"")
        count &+= 1
        if let source = utf8.baseAddress, length > 0 {
            if length <= 32 {
                let special = JSONStringBytes.firstSpecial(source, from: 0, end: length, del: true)
                if special == length {
                    memcpy(base + count, source, length)
                    count &+= length
                } else {
                    short(source, length: length, special: special)
                }
            } else {
                var done = 0
                while true {
                    var consumed = 0
                    count &+= ctk_json_escape(source + done, length &- done, base + count, capacity &- count &- 1, &consumed)
                    done &+= consumed
                    guard done < length else { break }
                    reserve(6 &* (length &- done) &+ 2)
                }
            }
        }
        append(UInt8(ascii: "\""))
    }

    /// A short string's bytes escaped, a run at a time, its first special byte at `special`.
    private mutating func short(_ source: UnsafePointer<UInt8>, length: Int, special first: Int) {
        var start = 0
        var special = first
        while true {
            append(source + start, length: special &- start)
            guard special < length else { return }
            escape(source[special])
            start = special &+ 1
            special = JSONStringBytes.firstSpecial(source, from: start, end: length, del: true)
        }
    }

    private mutating func escape(_ byte: UInt8) {
        reserve(6)
        count &+= JSONStringBytes.escape(byte, to: base + count)
    }

    /// Appends a value tree as ``JSONWriter/value(_:)`` writes it.
    package mutating func value(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case let .bool(b): bool(b)
        case var .number(text): text.withUTF8 { if let start = $0.baseAddress { append(start, length: $0.count) } }
        case let .string(s): string(s)
        case let .array(items):
            append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { append(UInt8(ascii: ",")) }
                self.value(item)
            }
            append(UInt8(ascii: "]"))
        case let .object(members): object(members)
        }
    }

    /// Appends an object of `members` in their order.
    package mutating func object(_ members: [(key: String, value: JSONValue)]) {
        append(UInt8(ascii: "{"))
        for (i, member) in members.enumerated() {
            if i > 0 { append(UInt8(ascii: ",")) }
            key(member.key)
            value(member.value)
        }
        append(UInt8(ascii: "}"))
    }

    /// Appends counts given as pairs with distinct keys as an object with its keys in sorted
    /// order, as ``JSONWriter/counts(sorting:)`` writes them.
    package mutating func counts(sorting pairs: UnsafeMutableBufferPointer<(key: String, value: Int)>) {
        var pairs = pairs
        if pairs.count > 1 { pairs.sort { $0.key < $1.key } }
        append(UInt8(ascii: "{"))
        for i in pairs.indices {
            if i > 0 { append(UInt8(ascii: ",")) }
            key(pairs[i].key)
            int(pairs[i].value)
        }
        append(UInt8(ascii: "}"))
    }
}
