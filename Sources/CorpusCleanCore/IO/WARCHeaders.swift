/// The headers of a WARC record that a WET reader uses, read from the header lines with names
/// compared without regard to case; a header given twice keeps its last value. Values are the
/// bytes after the colon without the spaces that lead them.
struct WARCHeaders {
    var type: String?
    var contentLength: String?
    var recordID: String?
    var targetURI: String?
    var date: String?

    /// Takes `line` (`Name: value`) when its name is one of the five; other lines are passed over.
    mutating func add(line: ArraySlice<UInt8>) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = line[..<colon]
        let field: WritableKeyPath<WARCHeaders, String?>
        if Self.matches(name, "warc-type") {
            field = \.type
        } else if Self.matches(name, "content-length") {
            field = \.contentLength
        } else if Self.matches(name, "warc-record-id") {
            field = \.recordID
        } else if Self.matches(name, "warc-target-uri") {
            field = \.targetURI
        } else if Self.matches(name, "warc-date") {
            field = \.date
        } else {
            return
        }
        var start = colon + 1
        while start < line.endIndex, line[start] == UInt8(ascii: " ") { start += 1 }
        self[keyPath: field] = String(decoding: line[start...], as: UTF8.self)
    }

    /// Whether `name` is `lower` (ASCII lowercase) in any case.
    private static func matches(_ name: ArraySlice<UInt8>, _ lower: StaticString) -> Bool {
        guard name.count == lower.utf8CodeUnitCount else { return false }
        return lower.withUTF8Buffer { expected in
            zip(name, expected).allSatisfy { byte, want in byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0) == want }
        }
    }
}
