/// An object member's key as JSON text with its colon (`"name":`), made once for a key that
/// every line writes, so that writing it is one copy (`JSONWriter.key(_:)`).
public struct JSONKey: Sendable {
    /// `"name":`, escaped as ``JSONWriter`` escapes a key.
    let bytes: [UInt8]

    public init(_ name: String) {
        var w = JSONWriter(capacity: name.utf8.count + 3)
        w.string(name)
        bytes = w.bytes + [UInt8(ascii: ":")]
    }
}
